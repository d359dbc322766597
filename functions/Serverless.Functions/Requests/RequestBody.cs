using System.Text;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;

namespace Serverless.Functions.Requests;

/// <summary>The request body as bytes: base64-decoded when flagged, checked against the route's size limit.</summary>
internal static class RequestBody
{
    public static ReadOnlyMemory<byte> Read(HttpApiRequest request, int maxBytes)
    {
        if (string.IsNullOrEmpty(request.Body))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        byte[] bytes;
        if (request.IsBase64Encoded)
        {
            // A base64 body is 4/3 of its bytes; a quick bound before decoding avoids decoding something huge.
            if ((long)request.Body.Length * 3 / 4 > (long)maxBytes + 2)
            {
                throw new FunctionException(FunctionError.PayloadTooLarge(maxBytes));
            }

            bytes = new byte[request.Body.Length * 3 / 4 + 3];
            // isBase64Encoded=true with a text body happens (one published sample does it); say so rather than guess.
            if (!Convert.TryFromBase64String(request.Body, bytes, out var written))
            {
                throw FunctionException.BadRequest("body", "isBase64Encoded is true but the body is not valid base64");
            }

            Array.Resize(ref bytes, written);
        }
        else
        {
            if (request.Body.Length > maxBytes)
            {
                throw new FunctionException(FunctionError.PayloadTooLarge(maxBytes));
            }

            bytes = Encoding.UTF8.GetBytes(request.Body);
        }

        if (bytes.Length > maxBytes)
        {
            throw new FunctionException(FunctionError.PayloadTooLarge(maxBytes));
        }

        return bytes;
    }
}
