namespace Serverless.Infra.Configuration;

/// <summary>A cdk.json context value the app cannot use; the message names the key (e.g. <c>bedrock-serverless.models['m'].batchJobs</c>).</summary>
public sealed class InfraSettingsException(string message) : Exception(message);
