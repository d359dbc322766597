using System.Text;
using System.Text.Json;
using Serverless.Bedrock;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Quota;

namespace Serverless.Batch.OnDemand;

/// <summary>The outcome of one on-demand call.</summary>
internal sealed record OnDemandOutcome(bool Succeeded, bool QuotaRefused, string? ModelOutput, long InputTokens, long OutputTokens, string? ErrorCode, string? ErrorMessage);

/// <summary>
/// Runs one record on demand within the model's quota: reserve (input estimated from the body's size, output from
/// its maxTokens) → InvokeModel or Converse → settle with the usage Bedrock reports (or nothing when it failed).
/// </summary>
internal sealed class OnDemandInvoker(BedrockRuntimeClient runtime, IQuotaLedger ledger, BatchSettings settings)
{
    public async Task<OnDemandOutcome> InvokeAsync(WorkItem item, string invocationType, CancellationToken cancellationToken)
    {
        var span = item.ModelInput.Span;
        // About 3 bytes of JSON per token errs on the high side for prose, so the reservation covers the call.
        var estimatedInput = Math.Max(1, span.Length / 3);
        var maxTokens = ModelBodyFacts.MaxTokens(span) ?? settings.DefaultMaxTokens;
        var decision = await ledger.ReserveAsync(new QuotaRequest(item.ModelId, estimatedInput, maxTokens), settings.OnDemandMaxQuotaWait, cancellationToken).ConfigureAwait(false);
        if (decision.Reservation is not { } reservation)
        {
            return new OnDemandOutcome(false, true, null, 0, 0, "QuotaRefused", decision.Reason);
        }

        var usage = ActualUsage.None;
        try
        {
            var (output, input, generated) = invocationType == "Converse"
                ? await ConverseAsync(item, cancellationToken).ConfigureAwait(false)
                : await InvokeModelAsync(item, cancellationToken).ConfigureAwait(false);
            usage = new ActualUsage(input, generated);
            return new OnDemandOutcome(true, false, output, input, generated, null, null);
        }
        catch (BedrockException e)
        {
            return new OnDemandOutcome(false, false, null, 0, 0, e.ErrorCode, e.Message);
        }
        catch (ArgumentException e)
        {
            // The client's own validation: the record's modelInput cannot be sent; another attempt would not help.
            return new OnDemandOutcome(false, false, null, 0, 0, "ValidationException", e.Message);
        }
        finally
        {
            await ledger.SettleAsync(reservation, usage, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<(string Output, long Input, long Generated)> InvokeModelAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var response = await runtime.InvokeModelAsync(new InvokeModelRequest
        {
            ModelId = item.ModelId,
            Body = item.ModelInput,
            ContentType = "application/json",
            Accept = "application/json",
        }, cancellationToken).ConfigureAwait(false);
        var (input, output) = ModelBodyFacts.Usage(response.Body.Span);
        return (Encoding.UTF8.GetString(response.Body.Span), input, output);
    }

    private async Task<(string Output, long Input, long Generated)> ConverseAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ConverseRequest request;
        try
        {
            request = JsonSerializer.Deserialize(item.ModelInput.Span, BedrockJsonContext.Default.ConverseRequest)
                ?? throw new ArgumentException("modelInput: must be a Converse request object.", nameof(item));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"modelInput: not a Converse request ({e.Message}).", nameof(item), e);
        }

        request.ModelId = item.ModelId;
        var response = await runtime.ConverseAsync(request, cancellationToken).ConfigureAwait(false);
        var usage = response.Usage;
        return (JsonSerializer.Serialize(response, BedrockJsonContext.Default.ConverseResponse), usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0);
    }
}
