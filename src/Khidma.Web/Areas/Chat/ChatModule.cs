using Khidma.Web.Areas.Chat.Api;
using Khidma.Web.Areas.Chat.Domain;
using Khidma.Web.Platform.Realtime;

namespace Khidma.Web.Areas.Chat;

public sealed class ChatOptions
{
    // Sites allowed to embed the widget; empty or "*" allows any (the demo's default).
    public string[] AllowedOrigins { get; set; } = ["*"];
}

public static class ChatModule
{
    public const string CorsPolicy = "ChatWidget";

    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Chat").Get<ChatOptions>() ?? new ChatOptions();
        builder.Services.Configure<ChatOptions>(builder.Configuration.GetSection("Chat"));
        builder.Services.AddScoped<ChatConversations>();
        builder.Services.AddSingleton<ILiveTarget, ChatHubTarget>();
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p =>
        {
            var origins = options.AllowedOrigins.Where(x => !string.IsNullOrWhiteSpace(x)).ToArray();
            if (origins.Length == 0 || origins.Contains("*")) p.AllowAnyOrigin();
            else p.WithOrigins(origins);
            // Visitors carry their conversation secret, never cookies, so credentials stay off.
            p.AllowAnyHeader().AllowAnyMethod();
        }));
        return builder;
    }

    public static WebApplication MapChat(this WebApplication app)
    {
        app.MapHub<ChatHub>("/hubs/chat").RequireCors(CorsPolicy);
        app.MapChatEndpoints();
        return app;
    }
}
