namespace Serverless.Quota;

/// <summary>What a decision does when the store cannot answer in time.</summary>
public enum QuotaFailureMode
{
    /// <summary>Refuse (the decision says the store was unavailable): no call goes to Bedrock unaccounted.</summary>
    FailClosed,

    /// <summary>Admit without a reservation: availability over exactness while the store is down.</summary>
    FailOpen,
}
