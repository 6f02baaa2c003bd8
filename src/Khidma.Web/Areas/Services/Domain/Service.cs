using Khidma.Web.Platform.Localization;

namespace Khidma.Web.Areas.Services.Domain;

public sealed class Service
{
    public int Id { get; set; }
    public LocalizedText Name { get; set; } = new();
    public LocalizedText Description { get; set; } = new();
    public LocalizedText Benefits { get; set; } = new();
    public LocalizedText Conditions { get; set; } = new();
    public int TypicalMinutes { get; set; }
    public string? RequiredSkills { get; set; }
    public int? DefaultTeamId { get; set; }
    public bool IsActive { get; set; } = true;
    public List<ServiceStage> Stages { get; set; } = [];
}

// A stage a service's interactions walk through (C2). A service without its own list uses the defaults.
public sealed class StageDefinition
{
    public int Id { get; set; }
    public string Key { get; set; } = "";
    public LocalizedText Name { get; set; } = new();
    public LocalizedText Hint { get; set; } = new();
    public int Position { get; set; }
    public bool IsDefault { get; set; }
    public bool IsActive { get; set; } = true;
}

public sealed class ServiceStage
{
    public int ServiceId { get; set; }
    public int StageDefinitionId { get; set; }
    public int Position { get; set; }
    public StageDefinition? Stage { get; set; }
}
