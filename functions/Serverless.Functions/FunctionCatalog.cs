using System.Collections.Concurrent;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Serverless.Batch.Pending;
using Serverless.Batch.Storage;
using Serverless.Bedrock;
using Serverless.Conversations;
using Serverless.Conversations.Memory;
using Serverless.Conversations.Storage;
using Serverless.Conversations.Storage.DynamoDb;
using Serverless.Functions.Configuration;
using Serverless.Functions.Memory;
using Serverless.Functions.Metrics;
using Serverless.Functions.Handlers;
using Serverless.Functions.Handlers.Async;
using Serverless.Functions.Handlers.Batches;
using Serverless.Functions.Handlers.Converse;
using Serverless.Functions.Handlers.Invoke;
using Serverless.Functions.Handlers.QuotaStatus;
using Serverless.Functions.Handlers.Structured;
using Serverless.Functions.Handlers.Tokens;
using Serverless.Functions.Gating;
using Serverless.Functions.Routing;
using Serverless.Functions.StepFunctions;
using Serverless.Quota;
using Serverless.Quota.Storage;
using Serverless.Quota.Storage.DynamoDb;
using Serverless.Quota.Tokens;

namespace Serverless.Functions;

/// <summary>
/// Builds each function on first request, and each shared part (Bedrock client, quota ledger, conversation memory)
/// on first use: a Lambda running one function does no start-up work for the others. Thread-safe; one per process.
/// </summary>
public sealed class FunctionCatalog : IDisposable
{
    private readonly FunctionsConfiguration _configuration;
    private readonly FunctionDependencies _dependencies;
    private readonly Lazy<BedrockRuntimeClient> _bedrock;
    private readonly Lazy<IAmazonDynamoDB> _ledgerDynamoDb;
    private readonly Lazy<IAmazonDynamoDB> _tablesDynamoDb;
    private readonly Lazy<IQuotaStore> _quotaStore;
    private readonly Lazy<AmazonS3Client> _s3;
    private readonly Lazy<IBatchObjectStore> _batchObjects;
    private readonly List<IDisposable> _batchClients = [];
    private readonly Lazy<QuotaLedger> _ledger;
    private readonly Lazy<QuotaGate> _gate;
    private readonly Lazy<ConversationMemory?> _memory;
    private readonly CalibratedTokenEstimator _estimator = new();
    private readonly FunctionServices _services;
    private readonly ConcurrentDictionary<string, object> _functions = new(StringComparer.Ordinal);

    /// <exception cref="FunctionsConfigurationException">The configuration is invalid; the message names the setting.</exception>
    public FunctionCatalog(FunctionsConfiguration configuration, FunctionDependencies? dependencies = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Validate();
        _configuration = configuration;
        _dependencies = dependencies ?? new FunctionDependencies();
        _bedrock = new Lazy<BedrockRuntimeClient>(CreateBedrockClient);
        // The ledger store bounds every call by its own deadline and retries, so its client must not retry on its own;
        // the stores of the functions' own tables (conversations, batch results) rely on the SDK's retries.
        _ledgerDynamoDb = new Lazy<IAmazonDynamoDB>(() => CreateDynamoDbClient(maxErrorRetry: 0));
        _tablesDynamoDb = new Lazy<IAmazonDynamoDB>(() => CreateDynamoDbClient(maxErrorRetry: null));
        _quotaStore = new Lazy<IQuotaStore>(CreateQuotaStore);
        _s3 = new Lazy<AmazonS3Client>(() => Track(CreateS3Client()));
        _batchObjects = new Lazy<IBatchObjectStore>(() => _dependencies.BatchObjectStore ?? new S3BatchObjectStore(_s3.Value));
        _ledger = new Lazy<QuotaLedger>(() => new QuotaLedger(_quotaStore.Value, _configuration.Quota, _dependencies.TimeProvider, _dependencies.Random));
        _gate = new Lazy<QuotaGate>(() => new QuotaGate(_ledger.Value, CreateEstimator(), _configuration, _dependencies.TimeProvider,
            new EmfMetricsWriter(_configuration.MetricsNamespace, _dependencies.MetricsSink, _dependencies.TimeProvider)));
        _memory = new Lazy<ConversationMemory?>(CreateMemory);
        _services = new FunctionServices(_configuration, _dependencies.TimeProvider, _bedrock, _gate,
            new TurnMemory(() => _memory.Value, _configuration, _dependencies.Random,
                _configuration.ConversationSummaryModel is null ? null : new BedrockConversationSummarizer(_bedrock, _gate, _configuration)));
    }

    /// <summary>Every function name the catalog can build (see <see cref="FunctionNames"/>).</summary>
    public static IReadOnlyList<string> Names { get; } = FunctionRoutes.All.Select(r => r.FunctionName).Distinct(StringComparer.Ordinal).ToArray();

    public FunctionsConfiguration Configuration => _configuration;

    /// <summary>The quota ledger every function reserves with (created on first use).</summary>
    public QuotaLedger Ledger => _ledger.Value;

    /// <summary>The ledger's store (created on first use); the batch job slots keep their leases in it too.</summary>
    public IQuotaStore QuotaStore => _quotaStore.Value;

    /// <summary>The Bedrock runtime client every function calls (created on first use).</summary>
    public BedrockRuntimeClient Bedrock => _bedrock.Value;

    /// <summary>The DynamoDB client of the functions' own tables (conversations, batch results), with the SDK's retries.</summary>
    public IAmazonDynamoDB TablesDynamoDb => _tablesDynamoDb.Value;

    /// <summary>The batch bucket (S3, or S3_ENDPOINT_URL's server), shared by the batch route and the batch steps.</summary>
    public IBatchObjectStore BatchObjectStore => _batchObjects.Value;

    /// <summary>A buffered function by name.</summary>
    /// <exception cref="ArgumentException">No such function, or it streams.</exception>
    public IHttpFunction Buffered(string functionName)
        => Get(functionName) as IHttpFunction ?? throw new ArgumentException($"Function '{functionName}' streams its response; use Streaming().", nameof(functionName));

    /// <summary>A streaming function by name.</summary>
    /// <exception cref="ArgumentException">No such function, or it is buffered.</exception>
    public IStreamingHttpFunction Streaming(string functionName)
        => Get(functionName) as IStreamingHttpFunction ?? throw new ArgumentException($"Function '{functionName}' is buffered; use Buffered().", nameof(functionName));

    public void Dispose()
    {
        if (_bedrock.IsValueCreated)
        {
            _bedrock.Value.Dispose();
        }

        lock (_batchClients)
        {
            _batchClients.ForEach(client => client.Dispose());
        }

        if (_dependencies.DynamoDbClient is null)
        {
            foreach (var client in new[] { _ledgerDynamoDb, _tablesDynamoDb }.Where(c => c.IsValueCreated))
            {
                client.Value.Dispose();
            }
        }
    }

    private object Get(string functionName)
    {
        ArgumentNullException.ThrowIfNull(functionName);
        return _functions.GetOrAdd(functionName, Create);
    }

    private object Create(string functionName)
    {
        var routes = FunctionRoutes.For(functionName).ToList();
        if (routes.Count == 0)
        {
            throw new ArgumentException($"There is no function '{functionName}'; known: {string.Join(", ", Names)}.", nameof(functionName));
        }

        // A function serving several routes (the batch route and its status lookup) takes the largest body any accepts.
        var limit = routes.Max(r => r.MaxBodyBytes);
        return functionName switch
        {
            FunctionNames.Invoke => new InvokeFunction(_services, limit),
            FunctionNames.InvokeStream => new InvokeStreamFunction(_services, limit),
            FunctionNames.Converse => new ConverseFunction(_services, limit),
            FunctionNames.ConverseStream => new ConverseStreamFunction(_services, limit),
            FunctionNames.Structured => new StructuredFunction(_services, limit),
            FunctionNames.AsyncStart => new AsyncStartFunction(_services, limit),
            FunctionNames.AsyncStatus => new AsyncStatusFunction(_services),
            FunctionNames.Tokens => new TokensFunction(_services, limit),
            FunctionNames.Quota => new QuotaFunction(_services),
            FunctionNames.Batch => new BatchFunction(_services, CreateBatchBackend(), limit),
            _ => throw new ArgumentException($"There is no function '{functionName}'.", nameof(functionName)),
        };
    }

    private BedrockRuntimeClient CreateBedrockClient() => new(new BedrockClientOptions
    {
        Region = _configuration.BedrockRegion,
        ServiceUrl = _configuration.BedrockEndpoint,
        Credentials = _dependencies.BedrockCredentials,
        HttpMessageHandler = _dependencies.BedrockHttpHandler,
        TimeProvider = _dependencies.TimeProvider,
        Random = _dependencies.Random,
        Retry = _dependencies.BedrockRetry ?? new RetryOptions(),
    });

    private IAmazonDynamoDB CreateDynamoDbClient(int? maxErrorRetry)
    {
        if (_dependencies.DynamoDbClient is { } factory)
        {
            return factory();
        }

        var config = new AmazonDynamoDBConfig();
        if (maxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        if (_configuration.DynamoDbEndpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = _configuration.DynamoDbRegion ?? "us-east-1";
        }
        else if (_configuration.DynamoDbRegion is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonDynamoDBClient(config);
    }

    private IQuotaStore CreateQuotaStore() => _dependencies.QuotaStore ?? (_configuration.QuotaStore switch
    {
        QuotaStoreKind.DynamoDb => new DynamoDbQuotaStore(_ledgerDynamoDb.Value, new DynamoDbQuotaStoreOptions { TableName = _configuration.QuotaTableName! },
            _dependencies.TimeProvider, _dependencies.Random),
        _ => new InMemoryQuotaStore(),
    });

    /// <exception cref="FunctionsConfigurationException">BatchInputPrefix, or BatchStateMachineArn without an injected starter, is missing.</exception>
    private BatchBackend CreateBatchBackend()
    {
        var prefix = _configuration.BatchInputPrefix
                     ?? throw new FunctionsConfigurationException($"The batch function needs BatchInputPrefix ({FunctionsEnvironment.BatchInputPrefix}).");
        var starter = _dependencies.BatchExecutionStarter ?? CreateStepFunctionsStarter();
        var pending = _dependencies.PendingBatchStore ?? (_configuration.BatchPendingStore == PendingBatchStoreKind.DynamoDb
            ? new DynamoDbPendingBatchStore(_tablesDynamoDb.Value, _configuration.BatchResultsTableName!)
            : new InMemoryPendingBatchStore());
        var results = _configuration.BatchResultsPrefix is { } resultsPrefix ? S3Location.Parse(resultsPrefix, "BatchResultsPrefix") : (S3Location?)null;
        return new BatchBackend(_batchObjects, S3Location.Parse(prefix, "BatchInputPrefix"), pending, starter)
        {
            ResultsPrefix = results,
            Links = results is null ? null : new Lazy<IBatchResultsLinks>(() => _dependencies.BatchResultsLinks ?? new S3BatchResultsLinks(_s3.Value)),
        };
    }

    private StepFunctionsExecutionStarter CreateStepFunctionsStarter()
    {
        var arn = _configuration.BatchStateMachineArn
                  ?? throw new FunctionsConfigurationException($"The batch function needs BatchStateMachineArn ({FunctionsEnvironment.BatchStateMachineArn}).");
        var client = Track(new AmazonStepFunctionsClient(new StepFunctionsClientOptions
        {
            Region = _configuration.StepFunctionsRegion,
            ServiceUrl = _configuration.StepFunctionsEndpoint,
            Credentials = _dependencies.StepFunctionsCredentials,
            HttpMessageHandler = _dependencies.StepFunctionsHttpHandler,
            TimeProvider = _dependencies.TimeProvider,
            Random = _dependencies.Random,
            Retry = _dependencies.StepFunctionsRetry ?? new StepFunctionsClientOptions().Retry,
        }));
        return new StepFunctionsExecutionStarter(client, arn);
    }

    private AmazonS3Client CreateS3Client()
    {
        var config = new AmazonS3Config();
        if (_configuration.S3Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
        }

        return new AmazonS3Client(config);
    }

    private T Track<T>(T client)
        where T : IDisposable
    {
        lock (_batchClients)
        {
            _batchClients.Add(client);
        }

        return client;
    }

    private ITokenEstimator CreateEstimator()
        => _configuration.Models.Values.Any(m => m.CountTokens)
            ? new CountTokensEstimator(new BedrockCountTokensClient(() => _bedrock.Value, _configuration), _estimator)
            : _estimator;

    private ConversationMemory? CreateMemory()
    {
        IConversationStore? store = _dependencies.ConversationStore ?? (_configuration.ConversationStore switch
        {
            ConversationStoreKind.InMemory => new InMemoryConversationStore(_dependencies.TimeProvider),
            ConversationStoreKind.DynamoDb => new DynamoDbConversationStore(_tablesDynamoDb.Value, _configuration.ConversationTableName!, _dependencies.TimeProvider),
            _ => null,
        });
        return store is null ? null : new ConversationMemory(store, _estimator, _dependencies.TimeProvider);
    }
}
