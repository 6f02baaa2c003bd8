using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Khidma.Web.Platform.Realtime;

/// <summary>One connection's presence on one interaction; State null means it left. Interaction 0 is the lobby:
/// employees who can answer chats and are connected.</summary>
public sealed record PresenceChange(long InteractionId, string ConnectionId, string UserId, string Name, string? State);

public sealed record PresencePerson(string UserId, string Name, string State);

/// <summary>
/// Who is viewing or replying to what, kept in memory. Every change travels through the notifier, so each
/// node (this one included) applies it the same way; each node re-announces its own connections regularly
/// and forgets entries that were not refreshed, so a node that stops leaves no ghosts behind.
/// </summary>
public sealed class PresenceTracker(TimeProvider clock, NodeIdentity node, ChangeNotifier notifier, IHubContext<LiveHub> hub) : ILiveTarget
{
    public const long Lobby = 0;
    public const string Viewing = "viewing";
    public const string Replying = "replying";
    public const string Online = "online";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(70);
    public static readonly TimeSpan ReplyingLifetime = TimeSpan.FromSeconds(15);

    private sealed record Entry(string UserId, string Name, string State, DateTime At, string Node);

    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, Entry>> byInteraction = new();

    public string Hub => ChangeNotifier.Hubs.Presence;

    public void Announce(PresenceChange change) =>
        notifier.Publish(ChangeNotifier.Hubs.Presence, ["presence"], "presence", change);

    public async Task DeliverAsync(LiveEnvelope envelope, CancellationToken ct)
    {
        if (envelope.Payload is not { } payload) return;
        var change = payload.Deserialize<PresenceChange>(ChangeNotifier.Json);
        if (change is null) return;
        var entries = byInteraction.GetOrAdd(change.InteractionId, _ => new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));
        var before = entries.TryGetValue(change.ConnectionId, out var old) ? old : null;
        if (change.State is null) entries.TryRemove(change.ConnectionId, out _);
        else entries[change.ConnectionId] = new Entry(change.UserId, change.Name, change.State, clock.GetUtcNow().UtcDateTime, envelope.Origin);
        // A heartbeat that changes nothing visible is not worth a message to every viewer.
        if (change.InteractionId != Lobby && (before is null || change.State is null || before.State != change.State))
            await BroadcastAsync(change.InteractionId, ct);
    }

    public Task BroadcastAsync(long interactionId, CancellationToken ct = default) =>
        hub.Clients.Group(ChangeNotifier.InteractionGroup(interactionId))
            .SendAsync("presence", new { interactionId, people = List(interactionId) }, ct);

    public IReadOnlyList<PresencePerson> List(long interactionId)
    {
        if (!byInteraction.TryGetValue(interactionId, out var entries)) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        return entries.Values
            .Where(e => now - e.At < Lifetime)
            .Select(e => e with { State = e.State == Replying && now - e.At >= ReplyingLifetime ? Viewing : e.State })
            .GroupBy(e => e.UserId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(e => e.State == Replying).First())
            .OrderBy(e => e.Name, StringComparer.CurrentCulture)
            .Select(e => new PresencePerson(e.UserId, e.Name, e.State))
            .ToList();
    }

    /// <summary>Employees who can answer a chat are connected to the live hub on some node.</summary>
    public bool AgentsOnline() => List(Lobby).Count > 0;

    /// <summary>Re-announces this node's connections and forgets entries nobody refreshed.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (interactionId, entries) in byInteraction)
        {
            var expired = false;
            foreach (var (connectionId, e) in entries)
            {
                if (e.Node == node.Id)
                    Announce(new PresenceChange(interactionId, connectionId, e.UserId, e.Name, e.State == Replying && now - e.At >= ReplyingLifetime ? Viewing : e.State));
                else if (now - e.At >= Lifetime && entries.TryRemove(connectionId, out _))
                    expired = true;
            }
            if (expired && interactionId != Lobby) await BroadcastAsync(interactionId, ct);
        }
    }
}

internal sealed class PresenceHeartbeat(PresenceTracker presence) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await presence.RefreshAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

internal sealed class LiveHubTarget(IHubContext<LiveHub> hub) : ILiveTarget
{
    public string Hub => ChangeNotifier.Hubs.Live;

    public Task DeliverAsync(LiveEnvelope envelope, CancellationToken ct) =>
        hub.Clients.Groups(envelope.Groups).SendAsync(envelope.Method, envelope.Payload ?? JsonSerializer.SerializeToElement(new { }), ct);
}
