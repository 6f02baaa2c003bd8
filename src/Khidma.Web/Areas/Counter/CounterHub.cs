using System.Text.Json;
using Khidma.Web.Platform.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Khidma.Web.Areas.Counter;

/// <summary>
/// /hubs/counter: anonymous, so a branch's display board can listen without staff rights. A client joins a
/// branch by its code and hears "queue-changed" with the ticket number and counter that were just called —
/// never a name, phone or customer. Boards and consoles refetch their fragments through their normal GET
/// handlers, which check permissions as always.
/// </summary>
[AllowAnonymous]
public sealed class CounterHub : Hub
{
    public const string HubName = "counter";
    public const string QueueChanged = "queue-changed";

    public static string BranchGroup(string code) => "counter:branch:" + code.ToLowerInvariant();

    /// <summary>Joins a branch's group. An unknown code joins a group nobody publishes to, which reveals nothing.</summary>
    public async Task Join(string branch)
    {
        if (string.IsNullOrWhiteSpace(branch) || branch.Length > 32) throw new HubException("Unknown branch.");
        await Groups.AddToGroupAsync(Context.ConnectionId, BranchGroup(branch));
    }
}

internal sealed class CounterHubTarget(IHubContext<CounterHub> hub) : ILiveTarget
{
    public string Hub => CounterHub.HubName;

    public Task DeliverAsync(LiveEnvelope envelope, CancellationToken ct) =>
        hub.Clients.Groups(envelope.Groups).SendAsync(envelope.Method, envelope.Payload ?? JsonSerializer.SerializeToElement(new { }), ct);
}
