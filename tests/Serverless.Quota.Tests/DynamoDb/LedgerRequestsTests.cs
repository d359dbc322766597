using Serverless.Quota.Storage;
using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// The admission is the one request on every decision's path, and DynamoDB Local's time for it grows with each
/// condition term and each name placeholder it parses (docs/benchmarks.md, quota-request-parts): its shape is held here.
/// </summary>
public sealed class LedgerRequestsTests
{
    private static AdmitUpdate Admission(long bucket) => new(bucket, 7, 1, 300, MaxUsedRequestsBefore: 99, MaxUsedTokensBefore: 9_700, 10, 3, 0, long.MaxValue);

    [Fact]
    public void TheAdmissionChecksTheBucketThroughTheRequestSumNamedAfterIt()
    {
        // A missing attribute fails a comparison: when the item is at another bucket it has no r<bucket>.
        var request = LedgerRequests.Admit("t", "k", Admission(7_052_000_123), returnItem: false);

        Assert.Equal("r7052000123 <= :maxr AND ut <= :maxt", request.ConditionExpression);
        Assert.Equal("ADD r7052000123 :r, ut :t, p1 :p", request.UpdateExpression);
        Assert.True(request.ExpressionAttributeNames is null or { Count: 0 }, "literal names: no placeholders to parse");
        Assert.Equal([":maxr", ":maxt", ":p", ":r", ":t"], request.ExpressionAttributeValues.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnAdmissionWithoutARequestLimitChecksTheBucketThroughTheSumsName()
    {
        var request = LedgerRequests.Admit("t", "k", Admission(100) with { MaxUsedRequestsBefore = long.MaxValue }, returnItem: false);

        Assert.Equal("attribute_exists(r100) AND ut <= :maxt", request.ConditionExpression);
        Assert.Equal("ADD r100 :r, ut :t, p0 :p", request.UpdateExpression);
    }

    [Fact]
    public void AnAdmissionWithALeaseAlsoChecksTheLeaseClockRingAndCount()
    {
        var request = LedgerRequests.Admit("t", "k", Admission(100) with { LeaseCost = 1, LeaseSlot = 30, MaxActiveLeasesBefore = 4 }, returnItem: false);

        Assert.Equal("r100 <= :maxr AND ut <= :maxt AND lb = :lb AND attribute_exists(ls) AND al <= :maxl", request.ConditionExpression);
        Assert.Equal("SET ls[30] = ls[30] + :l ADD r100 :r, ut :t, p0 :p, al :l", request.UpdateExpression);
    }

    [Theory]
    [InlineData(0, "r0")]
    [InlineData(42, "r42")]
    [InlineData(-42, "rm42")]
    public void TheRequestSumIsNamedAfterTheBucketInLettersAndDigitsOnly(long bucket, string name)
        => Assert.Equal(name, LedgerItem.RequestSum(bucket));
}
