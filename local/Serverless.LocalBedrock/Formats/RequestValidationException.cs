namespace Serverless.LocalBedrock.Formats;

/// <summary>A request the service would refuse with 400 ValidationException; the message names the member.</summary>
public sealed class RequestValidationException(string message) : Exception(message);
