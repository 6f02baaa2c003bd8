using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Khidma.Web.Areas.Interactions.Domain;

// The few, small lists every console page needs (teams, services, statuses), cached briefly so the inbox
// spends its one query on the rows. An id the cache does not know yet (just created) reloads it.
public sealed class InteractionLookups(AppDbContext db, IMemoryCache cache)
{
    private const string Key = "interactions:lookups";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public sealed record TeamItem(int Id, string Name, bool IsActive);

    public sealed record ServiceItem(int Id, LocalizedText Name, bool IsActive, int? DefaultTeamId);

    public sealed record StatusItem(int Id, LocalizedText Name, StatusCategory Category, int Position, bool IsDefault, bool IsActive);

    public sealed class Set(IReadOnlyList<TeamItem> teams, IReadOnlyList<ServiceItem> services, IReadOnlyList<StatusItem> statuses)
    {
        private readonly Dictionary<int, TeamItem> teamById = teams.ToDictionary(t => t.Id);
        private readonly Dictionary<int, ServiceItem> serviceById = services.ToDictionary(s => s.Id);
        private readonly Dictionary<int, StatusItem> statusById = statuses.ToDictionary(s => s.Id);

        public IReadOnlyList<TeamItem> Teams { get; } = teams;
        public IReadOnlyList<ServiceItem> Services { get; } = services;
        public IReadOnlyList<StatusItem> Statuses { get; } = statuses;

        public TeamItem? Team(int? id) => id is { } v && teamById.TryGetValue(v, out var t) ? t : null;
        public ServiceItem? Service(int? id) => id is { } v && serviceById.TryGetValue(v, out var s) ? s : null;
        public StatusItem? Status(int? id) => id is { } v && statusById.TryGetValue(v, out var s) ? s : null;

        public string TeamName(int? id) => Team(id)?.Name ?? "";
        public string ServiceName(int? id) => Service(id)?.Name.InCurrentCulture() ?? "";
        public string StatusName(int? id) => Status(id)?.Name.InCurrentCulture() ?? "";

        public bool Knows(int? teamId, int? serviceId, int statusId) =>
            (teamId is null || teamById.ContainsKey(teamId.Value))
            && (serviceId is null || serviceById.ContainsKey(serviceId.Value))
            && statusById.ContainsKey(statusId);
    }

    public async Task<Set> GetAsync(CancellationToken ct = default) =>
        cache.TryGetValue(Key, out Set? set) && set is not null ? set : await RefreshAsync(ct);

    // Rows may name a team, service or status created after the cache was filled.
    public async Task<Set> GetCoveringAsync(IEnumerable<(int? TeamId, int? ServiceId, int StatusId)> ids, CancellationToken ct = default)
    {
        var set = await GetAsync(ct);
        return ids.All(i => set.Knows(i.TeamId, i.ServiceId, i.StatusId)) ? set : await RefreshAsync(ct);
    }

    public async Task<Set> RefreshAsync(CancellationToken ct = default)
    {
        var teams = await db.Teams.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new TeamItem(t.Id, t.Name, t.IsActive))
            .ToListAsync(ct);
        var services = await db.Services.AsNoTracking()
            .OrderBy(s => s.Id)
            .Select(s => new ServiceItem(s.Id, new LocalizedText(s.Name.Ar, s.Name.En, s.Name.Fr), s.IsActive, s.DefaultTeamId))
            .ToListAsync(ct);
        var statuses = await db.InteractionStatuses.AsNoTracking()
            .OrderBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new StatusItem(s.Id, new LocalizedText(s.Name.Ar, s.Name.En, s.Name.Fr), s.Category, s.Position, s.IsDefault, s.IsActive))
            .ToListAsync(ct);
        var set = new Set(teams, services, statuses);
        cache.Set(Key, set, Lifetime);
        return set;
    }
}
