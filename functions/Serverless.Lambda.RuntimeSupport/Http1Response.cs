using System.Net;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>An answer read by <see cref="Http1Connection"/>.</summary>
internal sealed record Http1Response(HttpStatusCode StatusCode, string ReasonPhrase, IReadOnlyList<KeyValuePair<string, string>> Fields, byte[] Body, bool KeepAlive);
