using System.Text.Json;
using Khidma.Web.Platform.Data;
using Npgsql;

namespace Khidma.Web.Platform.Realtime;

/// <summary>Hands an envelope to this node's targets of its hub.</summary>
public sealed partial class LocalDelivery(IEnumerable<ILiveTarget> targets, ILogger<LocalDelivery> log)
{
    private readonly ILookup<string, ILiveTarget> byHub = targets.ToLookup(t => t.Hub, StringComparer.Ordinal);

    public async Task DeliverAsync(LiveEnvelope envelope, CancellationToken ct)
    {
        foreach (var target in byHub[envelope.Hub])
        {
            try
            {
                await target.DeliverAsync(envelope, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed delivery must not stop the loop that serves every other client.
                DeliveryFailed(log, e, envelope.Hub, envelope.Method);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live event {Method} for hub {Hub} could not be delivered")]
    private static partial void DeliveryFailed(ILogger logger, Exception e, string hub, string method);
}

/// <summary>
/// Drains the notifier's queue: delivers each event to this node's clients at once and, on PostgreSQL,
/// sends it to the other nodes with NOTIFY (each node LISTENs in <see cref="PostgresListener"/>).
/// </summary>
public sealed partial class RealtimeDispatcher(ChangeNotifier notifier, LocalDelivery local, ProviderInfo provider, ILogger<RealtimeDispatcher> log) : BackgroundService
{
    public const string Channel = "khidma_changes";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        NpgsqlDataSource? source = provider.IsPostgres ? NpgsqlDataSource.Create(provider.ConnectionString) : null;
        try
        {
            await foreach (var envelope in notifier.Reader.ReadAllAsync(stoppingToken))
            {
                await local.DeliverAsync(envelope, stoppingToken);
                if (source is not null) await NotifyAsync(source, envelope, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (source is not null) await source.DisposeAsync();
        }
    }

    private async Task NotifyAsync(NpgsqlDataSource source, LiveEnvelope envelope, CancellationToken ct)
    {
        try
        {
            await using var cmd = source.CreateCommand("SELECT pg_notify(@channel, @payload)");
            cmd.Parameters.AddWithValue("channel", Channel);
            cmd.Parameters.AddWithValue("payload", JsonSerializer.Serialize(envelope, ChangeNotifier.Json));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // Other nodes miss this event; their clients catch up on the next one or on reload.
            NotifyFailed(log, e, envelope.Method);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send live event {Method} to the other nodes")]
    private static partial void NotifyFailed(ILogger logger, Exception e, string method);
}

/// <summary>Each node LISTENs on the changes channel and forwards other nodes' events to its own clients.</summary>
public sealed partial class PostgresListener(ProviderInfo provider, NodeIdentity node, LocalDelivery local, ILogger<PostgresListener> log) : BackgroundService
{
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this node listens (tests wait for it before publishing on another node).</summary>
    public Task Listening => listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!provider.IsPostgres)
        {
            listening.TrySetResult();
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                ListenFailed(log, e);
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(provider.ConnectionString) { KeepAlive = 30, Pooling = false };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct);
        var pending = System.Threading.Channels.Channel.CreateUnbounded<string>();
        conn.Notification += (_, e) => pending.Writer.TryWrite(e.Payload);
        await using (var cmd = new NpgsqlCommand($"LISTEN {RealtimeDispatcher.Channel}", conn))
            await cmd.ExecuteNonQueryAsync(ct);
        listening.TrySetResult();
        var forward = ForwardAsync(pending.Reader, ct);
        try
        {
            while (!ct.IsCancellationRequested)
                await conn.WaitAsync(ct);
        }
        finally
        {
            pending.Writer.TryComplete();
            await forward;
        }
    }

    private async Task ForwardAsync(System.Threading.Channels.ChannelReader<string> reader, CancellationToken ct)
    {
        await foreach (var payload in reader.ReadAllAsync(CancellationToken.None))
        {
            LiveEnvelope? envelope;
            try
            {
                envelope = JsonSerializer.Deserialize<LiveEnvelope>(payload, ChangeNotifier.Json);
            }
            catch (JsonException)
            {
                continue;
            }
            if (envelope is null || envelope.Origin == node.Id) continue;
            try
            {
                await local.DeliverAsync(envelope, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other nodes' live events failed; retrying")]
    private static partial void ListenFailed(ILogger logger, Exception e);
}
