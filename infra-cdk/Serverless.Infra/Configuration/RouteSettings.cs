namespace Serverless.Infra.Configuration;

/// <summary>An HTTP API route the app adds beside FunctionRoutes (the batch route until FunctionRoutes carries it).</summary>
public sealed record RouteSettings(string Method, string Path, string FunctionName);
