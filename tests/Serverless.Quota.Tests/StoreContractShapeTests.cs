using Serverless.Quota.Storage;

namespace Serverless.Quota.Tests;

public class StoreContractShapeTests
{
    [Fact]
    public void CloneCopiesTheRingsSoAStoreNeverSharesThemWithTheLedger()
    {
        var state = new LedgerState { Version = 3, RequestSlots = [1, 2], TokenSlots = [3, 4], LeaseSlots = [5] };

        var copy = state.Clone();
        copy.RequestSlots[0] = 9;
        copy.TokenSlots[0] = 9;
        copy.LeaseSlots[0] = 9;

        Assert.Equal([1, 2], state.RequestSlots);
        Assert.Equal([3, 4], state.TokenSlots);
        Assert.Equal([5], state.LeaseSlots);
        Assert.Equal(3, copy.Version);
    }
}
