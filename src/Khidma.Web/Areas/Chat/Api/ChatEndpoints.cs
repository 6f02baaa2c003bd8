using System.Globalization;
using Khidma.Web.Areas.Chat.Domain;
using Khidma.Web.Platform.Realtime;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Chat.Api;

// The widget's endpoints: anonymous, CORS-enabled for the sites that embed it, JSON in and out.
public static class ChatEndpoints
{
    // The widget's words, by the names its script uses; the values are resource keys (English text).
    public static readonly IReadOnlyDictionary<string, string> WidgetStrings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["open"] = "Chat with us",
        ["title"] = "Live chat",
        ["close"] = "Close",
        ["intro"] = "Write your name and your question; one of our team will answer you here.",
        ["name"] = "Your name",
        ["email"] = "Email (optional)",
        ["emailRequired"] = "Email",
        ["message"] = "Your message",
        ["start"] = "Start the chat",
        ["placeholder"] = "Write a message…",
        ["send"] = "Send",
        ["you"] = "You",
        ["agent"] = "Our team",
        ["typing"] = "Our team is writing a reply…",
        ["offline"] = "Nobody from our team is online right now. Leave a message and we will answer you by email.",
        ["leave"] = "Leave a message",
        ["thanks"] = "Thank you. We received your message and will answer you by email.",
        ["error"] = "Something went wrong. Please try again.",
        ["newChat"] = "New chat",
    };

    public sealed record StartRequest(string? Name, string? Email, string? Message, string? Lang);

    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/chat").RequireCors(ChatModule.CorsPolicy).AllowAnonymous().ExcludeFromDescription();

        chat.MapGet("/widget.js", (IWebHostEnvironment env, HttpContext ctx) =>
        {
            var file = env.WebRootFileProvider.GetFileInfo("js/chat-widget.js");
            if (!file.Exists) return Results.NotFound();
            ctx.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Stream(file.CreateReadStream(), "text/javascript; charset=utf-8");
        });

        chat.MapGet("/strings", (string? lang, IStringLocalizer<ChatText> text) =>
        {
            using var _ = Culture(lang);
            return Results.Json(WidgetStrings.ToDictionary(kv => kv.Key, kv => text[kv.Value].Value));
        });

        chat.MapGet("/status", (PresenceTracker presence) => Results.Json(new { agentsOnline = presence.AgentsOnline() }));

        chat.MapPost("/start", async ([FromBody] StartRequest request, ChatConversations chats, PresenceTracker presence,
            IStringLocalizer<ChatText> text, CancellationToken ct) =>
        {
            using var _ = Culture(request.Lang);
            var visitor = new ChatConversations.Visitor(request.Name, request.Email, request.Message, request.Lang);
            var errors = ChatConversations.Validate(visitor, emailRequired: false);
            if (errors.Count > 0) return Invalid(errors, text);
            if (!presence.AgentsOnline())
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: text[WidgetStrings["offline"]].Value, type: "urn:khidma:chat:offline");
            var started = await chats.StartAsync(visitor, ct);
            return Results.Json(new { conversation = started.ConversationId, token = started.Token });
        });

        chat.MapPost("/leave-message", async ([FromBody] StartRequest request, ChatConversations chats,
            IStringLocalizer<ChatText> text, CancellationToken ct) =>
        {
            using var _ = Culture(request.Lang);
            var visitor = new ChatConversations.Visitor(request.Name, request.Email, request.Message, request.Lang);
            var errors = ChatConversations.Validate(visitor, emailRequired: true);
            if (errors.Count > 0) return Invalid(errors, text);
            await chats.LeaveMessageAsync(visitor, ct);
            return Results.Json(new { received = true });
        });

        chat.MapGet("/messages", async (long c, long? after, HttpContext ctx, ChatConversations chats, CancellationToken ct) =>
        {
            var conversation = await chats.AuthenticateAsync(c, ctx.Request.Headers["X-Chat-Token"].ToString(), ct);
            if (conversation is null) return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown conversation.");
            var lines = await chats.TranscriptAsync(conversation.InteractionId, after ?? 0, ct);
            return Results.Json(lines.Select(l => new
            {
                id = l.Id,
                from = l.FromVisitor ? "visitor" : "agent",
                name = l.FromVisitor ? conversation.VisitorName : l.AgentName,
                body = l.Body,
                at = l.At,
            }));
        });
        return app;
    }

    private static IResult Invalid(Dictionary<string, string> errors, IStringLocalizer<ChatText> text) =>
        Results.ValidationProblem(errors.ToDictionary(kv => kv.Key, kv => new[] { text[kv.Value].Value }));

    // The visitor's language, not the browser's or a signed-in employee's: the widget says which.
    private static CultureScope Culture(string? lang) => new(ChatConversations.Language(lang));

    private readonly struct CultureScope : IDisposable
    {
        private readonly CultureInfo previous;

        public CultureScope(string lang)
        {
            previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lang);
        }

        public void Dispose() => CultureInfo.CurrentUICulture = previous;
    }
}
