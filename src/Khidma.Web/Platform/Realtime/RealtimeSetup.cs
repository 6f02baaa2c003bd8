namespace Khidma.Web.Platform.Realtime;

public static class RealtimeSetup
{
    public static IServiceCollection AddKhidmaRealtime(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<ChangeNotifier>();
        services.AddSingleton<LocalDelivery>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<ILiveTarget>(sp => sp.GetRequiredService<PresenceTracker>());
        services.AddSingleton<ILiveTarget, LiveHubTarget>();
        services.AddHostedService<RealtimeDispatcher>();
        services.AddSingleton<PostgresListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresListener>());
        services.AddHostedService<PresenceHeartbeat>();
        return services;
    }

    public static WebApplication MapKhidmaRealtime(this WebApplication app)
    {
        app.MapHub<LiveHub>("/hubs/live");
        return app;
    }
}
