using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Data;

namespace Khidma.Web.Areas.Timeliness.Domain;

// Targets in business minutes for one channel × priority × customer type; a null dimension means any.
// The most specific active policy wins (ties: the lowest id, i.e. the older rule). A null target means no clock
// of that kind. Escalation rules act once, when a clock breaches.
public sealed class SlaPolicy : IVersioned
{
    public const int MaxMinutes = 525_600;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public Channel? Channel { get; set; }
    public Priority? Priority { get; set; }
    public CustomerType? CustomerType { get; set; }
    public int? CalendarId { get; set; }
    public int? FirstResponseMinutes { get; set; }
    public int? NextResponseMinutes { get; set; }
    public int? ResolutionMinutes { get; set; }
    // A warning once no more than this share of the target remains.
    public int WarningPercent { get; set; } = 25;
    public bool NotifySupervisors { get; set; } = true;
    public bool RaisePriority { get; set; }
    public int? EscalateToTeamId { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public int Specificity => (Channel is null ? 0 : 1) + (Priority is null ? 0 : 1) + (CustomerType is null ? 0 : 1);

    public bool Matches(Channel channel, Priority priority, CustomerType customerType) =>
        IsActive
        && (Channel is null || Channel == channel)
        && (Priority is null || Priority == priority)
        && (CustomerType is null || CustomerType == customerType);

    public int? TargetMinutes(SlaKind kind) => kind switch
    {
        SlaKind.FirstResponse => FirstResponseMinutes,
        SlaKind.NextResponse => NextResponseMinutes,
        _ => ResolutionMinutes,
    };

    public static SlaPolicy? Match(IEnumerable<SlaPolicy> policies, Channel channel, Priority priority, CustomerType customerType) =>
        policies.Where(p => p.Matches(channel, priority, customerType))
            .OrderByDescending(p => p.Specificity)
            .ThenBy(p => p.Id)
            .FirstOrDefault();

    // Installed once with the default calendar; the company edits them at /timeliness/policies.
    public static IEnumerable<SlaPolicy> Defaults(DateTime now) =>
    [
        new() { Name = "الافتراضي", FirstResponseMinutes = 240, NextResponseMinutes = 480, ResolutionMinutes = 1440, UpdatedAt = now },
        new() { Name = "عاجل", Priority = Interactions.Domain.Priority.Urgent, FirstResponseMinutes = 30, NextResponseMinutes = 60, ResolutionMinutes = 240, RaisePriority = false, UpdatedAt = now },
        new() { Name = "مرتفع", Priority = Interactions.Domain.Priority.High, FirstResponseMinutes = 60, NextResponseMinutes = 120, ResolutionMinutes = 480, RaisePriority = true, UpdatedAt = now },
        new() { Name = "المحادثة الفورية", Channel = Interactions.Domain.Channel.Chat, FirstResponseMinutes = 5, NextResponseMinutes = 10, ResolutionMinutes = 480, UpdatedAt = now },
    ];
}
