using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AwsApigatewayv2Authorizers;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;

namespace Serverless.Infra.Resources;

/// <summary>
/// The HTTP API (payload format 2.0) in front of the buffered functions: one route per FunctionRoutes entry (plus the
/// configured extra routes), every route behind IAM authorization (SigV4) unless cdk.json chooses a JWT authorizer,
/// a default-route throttle, and JSON access logs with the caller's identity.
/// </summary>
public sealed class HttpApiFrontDoor : Construct
{
    private readonly List<ApiRoute> _routes = [];

    public HttpApiFrontDoor(Construct scope, string id, InfraSettings settings, IReadOnlyList<HandlerSpec> handlers, HandlerFunctions functions)
        : base(scope, id)
    {
        IHttpRouteAuthorizer authorizer = settings.Auth.Kind switch
        {
            ApiAuthKind.Iam => new HttpIamAuthorizer(),
            ApiAuthKind.Jwt => new HttpJwtAuthorizer("JwtAuthorizer", settings.Auth.Issuer!, new HttpJwtAuthorizerProps
            {
                JwtAudience = [.. settings.Auth.Audiences!],
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Auth.Kind, null),
        };

        Api = new HttpApi(this, "Api", new HttpApiProps
        {
            ApiName = $"{settings.StackName}-api",
            Description = $"Bedrock inference API ({settings.EnvironmentName}).",
            DefaultAuthorizer = authorizer,
            CreateDefaultStage = true,
        });

        foreach (var handler in handlers.Where(h => h.Kind == HandlerKind.Http))
        {
            var integration = new HttpLambdaIntegration(ResourceNames.Pascal(handler.Name) + "Integration", functions[handler.Name], new HttpLambdaIntegrationProps
            {
                PayloadFormatVersion = PayloadFormatVersion.VERSION_2_0,
            });
            foreach (var route in handler.Routes)
            {
                _routes.Add(route);
                Api.AddRoutes(new AddRoutesOptions
                {
                    Path = route.Path,
                    Methods = [Enum.Parse<Amazon.CDK.AWS.Apigatewayv2.HttpMethod>(route.Method)],
                    Integration = integration,
                });
            }
        }

        AccessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = LogRetention.Days(settings.LogRetentionDays),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        var stage = (CfnStage)Api.DefaultStage!.Node.DefaultChild!;
        stage.AccessLogSettings = new CfnStage.AccessLogSettingsProperty
        {
            DestinationArn = AccessLogs.LogGroupArn,
            Format = AccessLogFormat,
        };
        stage.DefaultRouteSettings = new CfnStage.RouteSettingsProperty
        {
            ThrottlingRateLimit = settings.ApiRateLimit,
            ThrottlingBurstLimit = settings.ApiBurstLimit,
        };
    }

    /// <summary>One JSON line per request: who called which route, the answer and its timing.</summary>
    public const string AccessLogFormat =
        "{\"requestId\":\"$context.requestId\",\"time\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
        + "\"status\":\"$context.status\",\"caller\":\"$context.identity.userArn\",\"sourceIp\":\"$context.identity.sourceIp\","
        + "\"responseLength\":\"$context.responseLength\",\"latencyMs\":\"$context.responseLatency\","
        + "\"integrationStatus\":\"$context.integrationStatus\",\"integrationError\":\"$context.integrationErrorMessage\"}";

    public HttpApi Api { get; }

    public LogGroup AccessLogs { get; }

    public IReadOnlyList<ApiRoute> Routes => _routes;

    /// <summary>execute-api:Invoke resource of one route: path parameters become '*' (a greedy one matches the rest of the path).</summary>
    public string InvokeArn(ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var path = string.Join('/', route.Path.Split('/').Select(segment => segment.StartsWith('{') ? "*" : segment));
        return Api.ArnForExecuteApi(route.Method, path, "$default");
    }
}
