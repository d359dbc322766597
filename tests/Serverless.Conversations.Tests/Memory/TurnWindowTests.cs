using static Serverless.Conversations.Memory.TurnWindow;

namespace Serverless.Conversations.Tests.Memory;

/// <summary>The window rule on its own: newest whole turns within the budget; tool answers never first; tool chains kept.</summary>
public sealed class TurnWindowTests
{
    private static readonly TurnCost Plain = new(10, AnswersTool: false);
    private static readonly TurnCost Answer = new(10, AnswersTool: true);

    [Theory]
    [InlineData(5, 3)]
    [InlineData(14, 3)]
    [InlineData(15, 2)]
    [InlineData(24, 2)]
    [InlineData(25, 1)]
    [InlineData(35, 0)]
    [InlineData(45, 0)]
    public void TheNewestTurnsThatFitAreChosen(long budget, int start)
        => Assert.Equal(start, Start([Plain, Plain, Plain], fixedTokens: 5, budget, newMessagesAnswerTool: false));

    [Fact]
    public void AnEmptyHistoryStartsAtItsEnd()
    {
        Assert.Equal(0, Start([], 5, 100, newMessagesAnswerTool: false));
        Assert.Equal(0, Start([], 5, 100, newMessagesAnswerTool: true));
    }

    [Fact]
    public void AStartOnAToolAnswerMovesForward()
        => Assert.Equal(3, Start([Plain, Plain, Answer, Plain], 0, 20, newMessagesAnswerTool: false));

    [Fact]
    public void ANewToolAnswerKeepsTheChainOfToolTurnsBeforeIt()
    {
        Assert.Equal(1, Start([Plain, Plain, Answer, Answer], 0, 0, newMessagesAnswerTool: true));
        Assert.Equal(3, Start([Plain, Plain, Plain, Plain], 0, 0, newMessagesAnswerTool: true));
    }
}
