namespace Khidma.Web.Areas.Chat.Domain;

/// <summary>
/// A visitor's live chat: the transcript is the interaction's timeline; this row only holds who the visitor
/// is and the hash of the secret their browser keeps. A message left while nobody was online has no secret
/// and is answered by email.
/// </summary>
public sealed class ChatConversation
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 320;
    public const int MessageMaxLength = 4000;

    public long Id { get; set; }
    public long InteractionId { get; set; }
    public string? TokenHash { get; set; }
    public string VisitorName { get; set; } = "";
    public string? VisitorEmail { get; set; }
    public string Language { get; set; } = "ar";
    public bool AnswerByEmail { get; set; }
    public DateTime CreatedAt { get; set; }
}
