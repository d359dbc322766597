namespace Serverless.Bedrock.Model;

/// <summary>One turn of a conversation (botocore shape <c>Message</c>).</summary>
public sealed class Message
{
    /// <summary><c>user</c> or <c>assistant</c> (see <see cref="ConversationRole"/>).</summary>
    public string Role { get; set; } = ConversationRole.User;

    public List<ContentBlock> Content { get; set; } = [];
}

/// <summary>Values of the <c>ConversationRole</c> enum.</summary>
public static class ConversationRole
{
    public const string User = "user";
    public const string Assistant = "assistant";
}
