using System.Security.Claims;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Platform.Realtime;

/// <summary>
/// /hubs/live: employees hear "this changed" for the inboxes they may see and for the interactions they open,
/// and tell each other who is viewing or replying. It sends no HTML and no content: pages refetch.
/// </summary>
[Authorize(Policy = "Employees")]
public sealed class LiveHub(AppDbContext db, PresenceTracker presence, ChangeNotifier notifier) : Hub
{
    private const string WatchedKey = "watched";

    public static bool AnswersChats(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Agent);

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var groups = new List<string> { ChangeNotifier.UserGroup(UserId) };
        if (InteractionScope.SeesAll(user)) groups.Add(ChangeNotifier.AllGroup);
        if (user.IsInRole(Roles.Agent) || user.IsInRole(Roles.Supervisor))
        {
            groups.Add(ChangeNotifier.UnassignedGroup);
            groups.AddRange(InteractionScope.Teams(user).Select(ChangeNotifier.TeamGroup));
        }
        foreach (var g in groups) await Groups.AddToGroupAsync(Context.ConnectionId, g);
        if (AnswersChats(user)) presence.Announce(Change(PresenceTracker.Lobby, PresenceTracker.Online));
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var id in Watched) presence.Announce(Change(id, null));
        if (AnswersChats(Context.User!)) presence.Announce(Change(PresenceTracker.Lobby, null));
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Joins an interaction's group if the employee may see it; answers whether it did.</summary>
    public async Task<bool> Watch(long interactionId)
    {
        if (!await db.Interactions.VisibleTo(Context.User!).AnyAsync(i => i.Id == interactionId)) return false;
        await Groups.AddToGroupAsync(Context.ConnectionId, ChangeNotifier.InteractionGroup(interactionId));
        Watched.Add(interactionId);
        presence.Announce(Change(interactionId, PresenceTracker.Viewing));
        return true;
    }

    public async Task Unwatch(long interactionId)
    {
        if (!Watched.Remove(interactionId)) return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ChangeNotifier.InteractionGroup(interactionId));
        presence.Announce(Change(interactionId, null));
    }

    /// <summary>"viewing" or "replying" on a watched interaction. Replying also shows as typing to a chat visitor.</summary>
    public Task Presence(long interactionId, string state)
    {
        if (!Watched.Contains(interactionId)) throw new HubException("Not watching this interaction.");
        if (state is not (PresenceTracker.Viewing or PresenceTracker.Replying)) throw new HubException("Unknown presence state.");
        presence.Announce(Change(interactionId, state));
        notifier.Publish(ChangeNotifier.Hubs.Chat, [ChangeNotifier.ChatGroup(interactionId)], "agent-typing",
            new { on = state == PresenceTracker.Replying });
        return Task.CompletedTask;
    }

    private string UserId => Context.User!.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private string Name => Context.User!.FindFirstValue(KhidmaClaims.DisplayName) ?? Context.User!.Identity?.Name ?? "";

    private PresenceChange Change(long interactionId, string? state) => new(interactionId, Context.ConnectionId, UserId, Name, state);

    private HashSet<long> Watched
    {
        get
        {
            if (Context.Items.TryGetValue(WatchedKey, out var v) && v is HashSet<long> set) return set;
            var created = new HashSet<long>();
            Context.Items[WatchedKey] = created;
            return created;
        }
    }
}
