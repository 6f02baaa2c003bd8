using System.Text.Json;
using System.Threading.Channels;

namespace Khidma.Web.Platform.Realtime;

/// <summary>
/// One "this changed" event for the clients of one hub in some groups. It travels between nodes as JSON
/// (PostgreSQL NOTIFY payloads are limited to 8000 bytes), so it carries ids and small flags, never content.
/// </summary>
public sealed record LiveEnvelope(string Hub, IReadOnlyList<string> Groups, string Method, JsonElement? Payload, string Origin);

/// <summary>Delivers envelopes of one hub (or the presence tracker) to this node's connections.</summary>
public interface ILiveTarget
{
    string Hub { get; }
    Task DeliverAsync(LiveEnvelope envelope, CancellationToken ct);
}

/// <summary>This process's identity among the nodes sharing a database.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];
}

/// <summary>
/// Publishes "this changed" events. Non-blocking: events are queued and a background loop delivers them
/// to this node's clients and, on PostgreSQL, to the other nodes.
/// </summary>
public sealed class ChangeNotifier(NodeIdentity node)
{
    public static class Hubs
    {
        public const string Live = "live";
        public const string Chat = "chat";
        public const string Presence = "presence";
    }

    // Bounded: without a running dispatcher (command-line tools, bulk seeding) old events are dropped rather
    // than held; a "this changed" event superseded by thousands of later ones carries nothing worth keeping.
    private readonly Channel<LiveEnvelope> queue = Channel.CreateBounded<LiveEnvelope>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    internal ChannelReader<LiveEnvelope> Reader => queue.Reader;

    public void Publish(string hub, IEnumerable<string> groups, string method, object? payload = null)
    {
        var list = groups.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) return;
        JsonElement? body = payload is null ? null : JsonSerializer.SerializeToElement(payload, Json);
        queue.Writer.TryWrite(new LiveEnvelope(hub, list, method, body, node.Id));
    }

    /// <summary>An interaction (or its timeline or stages) changed: its page and the inboxes that may list it refresh.</summary>
    public void InteractionChanged(InteractionChange change)
    {
        Publish(Hubs.Live, [InteractionGroup(change.Id)], "interaction-changed", new { id = change.Id });
        Publish(Hubs.Live, InboxGroups(change), "inbox-changed", new { id = change.Id });
        if (change.ChatTranscriptChanged)
            Publish(Hubs.Chat, [ChatGroup(change.Id)], "chat-changed", new { id = change.Id });
    }

    public static string InteractionGroup(long id) => $"interaction:{id}";
    public static string TeamGroup(int id) => $"inbox:team:{id}";
    public static string UserGroup(string id) => $"inbox:user:{id}";
    public static string ChatGroup(long interactionId) => $"chat:{interactionId}";
    public const string AllGroup = "inbox:all";
    // Agents and supervisors see unassigned work (InteractionScope), so its changes go to all of them.
    public const string UnassignedGroup = "inbox:unassigned";

    /// <summary>The inbox groups whose members may see the interaction before or after the change.</summary>
    public static IReadOnlyList<string> InboxGroups(InteractionChange change)
    {
        var groups = new List<string> { AllGroup };
        foreach (var team in change.Teams)
            groups.Add(team is { } t ? TeamGroup(t) : UnassignedGroup);
        foreach (var user in change.Users)
            groups.Add(UserGroup(user));
        return groups.Distinct(StringComparer.Ordinal).ToList();
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>What the inboxes need to know about a changed interaction: its teams (before and after) and its people.</summary>
public sealed record InteractionChange(long Id, IReadOnlyList<int?> Teams, IReadOnlyList<string> Users, bool ChatTranscriptChanged);
