namespace Serverless.Functions.Configuration;

/// <summary>The functions' configuration is invalid; the message names the setting (or environment variable).</summary>
public sealed class FunctionsConfigurationException(string message) : Exception(message);
