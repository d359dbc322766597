namespace Serverless.Conversations.Memory;

/// <summary>
/// Which history turns fit the budget: the newest ones, whole turns only, contiguous up to the new messages. The first
/// turn sent must not open with a toolResult (Converse rejects a tool result whose toolUse is not in the request), and
/// when the new messages answer a tool call, the turn that made it is sent whatever the budget.
/// </summary>
internal static class TurnWindow
{
    /// <summary>The cost of one history turn, and whether its first message answers the previous turn's tool call.</summary>
    public readonly record struct TurnCost(long Tokens, bool AnswersTool);

    /// <summary>The index of the first history turn to send (<c>turns.Count</c> when none is).</summary>
    /// <param name="fixedTokens">Tokens sent whatever is chosen (the new messages).</param>
    public static int Start(IReadOnlyList<TurnCost> turns, long fixedTokens, long budget, bool newMessagesAnswerTool)
    {
        var mandatory = turns.Count;
        if (newMessagesAnswerTool)
        {
            do
            {
                mandatory--;
            }
            while (mandatory > 0 && turns[mandatory].AnswersTool);
            mandatory = Math.Max(mandatory, 0);
        }

        var total = fixedTokens;
        for (var i = mandatory; i < turns.Count; i++)
        {
            total += turns[i].Tokens;
        }

        var start = mandatory;
        while (start > 0 && total + turns[start - 1].Tokens <= budget)
        {
            start--;
            total += turns[start].Tokens;
        }

        while (start < mandatory && turns[start].AnswersTool)
        {
            start++;
        }

        return start;
    }
}
