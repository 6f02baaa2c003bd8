using Khidma.Web.Platform.Localization;

namespace Khidma.Web.Areas.Charter.Domain;

// General goals have no parent; special goals are derived from a general one (seed 000).
public sealed class CharterGoal
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public int Position { get; set; }
    public LocalizedText Title { get; set; } = new();
    public LocalizedText Body { get; set; } = new();
    public bool IsActive { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
}

// Each publication freezes the goals as they were, so staff and customers can see what changed and when.
public sealed class CharterVersion
{
    public int Id { get; set; }
    public int Number { get; set; }
    public DateTime PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public string? Note { get; set; }
    public string SnapshotJson { get; set; } = "[]";
}
