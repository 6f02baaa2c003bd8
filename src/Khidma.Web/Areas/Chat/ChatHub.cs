using System.Globalization;
using Khidma.Web.Areas.Chat.Domain;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Khidma.Web.Areas.Chat;

/// <summary>
/// /hubs/chat: anonymous visitors, each authenticated by their conversation's secret (query "c" and "t").
/// The hub tells them "the transcript changed" and whether an agent is typing; they send lines and typing.
/// Agents answer from the interaction page (the live hub and the reply form).
/// </summary>
[AllowAnonymous]
public sealed class ChatHub(ChatConversations chats, ChangeNotifier notifier) : Hub
{
    private const string ConversationKey = "conversation";

    public override async Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()?.Request.Query;
        var conversation = long.TryParse(query?["c"], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await chats.AuthenticateAsync(id, query?["t"], Context.ConnectionAborted)
            : null;
        if (conversation is null || conversation.AnswerByEmail)
        {
            Context.Abort();
            return;
        }
        Context.Items[ConversationKey] = conversation;
        await Groups.AddToGroupAsync(Context.ConnectionId, ChangeNotifier.ChatGroup(conversation.InteractionId));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(ConversationKey, out var v) && v is ChatConversation c)
            VisitorTyping(c, false);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task Send(string text)
    {
        var conversation = Conversation;
        VisitorTyping(conversation, false);
        try
        {
            await chats.AddVisitorMessageAsync(conversation, text, Context.ConnectionAborted);
        }
        catch (DomainException e)
        {
            throw new HubException(e.Message);
        }
    }

    public Task Typing(bool on)
    {
        VisitorTyping(Conversation, on);
        return Task.CompletedTask;
    }

    private void VisitorTyping(ChatConversation conversation, bool on) =>
        notifier.Publish(ChangeNotifier.Hubs.Live, [ChangeNotifier.InteractionGroup(conversation.InteractionId)], "visitor-typing",
            new { id = conversation.InteractionId, on });

    private ChatConversation Conversation =>
        Context.Items.TryGetValue(ConversationKey, out var v) && v is ChatConversation c ? c : throw new HubException("No conversation.");
}

internal sealed class ChatHubTarget(IHubContext<ChatHub> hub) : ILiveTarget
{
    public string Hub => ChangeNotifier.Hubs.Chat;

    public Task DeliverAsync(LiveEnvelope envelope, CancellationToken ct) =>
        hub.Clients.Groups(envelope.Groups).SendAsync(envelope.Method, envelope.Payload ?? System.Text.Json.JsonSerializer.SerializeToElement(new { }), ct);
}
