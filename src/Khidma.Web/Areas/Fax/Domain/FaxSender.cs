using System.Net.Http.Headers;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Fax.Domain;

/// <summary>Posts due outbox items to the fax gateway; failures are kept and retried with backoff, never dropped.</summary>
public sealed partial class FaxSender(IServiceScopeFactory scopes, IHttpClientFactory http, TimeProvider clock, IOptions<FaxOptions> options,
    ILogger<FaxSender> log) : BackgroundService
{
    public const string HttpClientName = "fax-gateway";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogCycleFailed(log, e);
            }
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One pass over the due items; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var gateway = options.Value.GatewayUrl;
        if (string.IsNullOrWhiteSpace(gateway)) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var receive = scope.ServiceProvider.GetRequiredService<ReceiveFax>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.FaxOutbox.Where(o => o.State == FaxOutboxState.Pending && o.NextAttemptAt <= now)
            .OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id).Take(20).ToListAsync(ct);
        var sent = 0;
        var client = http.CreateClient(HttpClientName);
        foreach (var item in due)
        {
            try
            {
                var bytes = await File.ReadAllBytesAsync(receive.PathOf(item.FileName), ct);
                using var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new MediaTypeHeaderValue(FaxFiles.ContentType(item.Format));
                form.Add(file, "document", item.FileName);
                form.Add(new StringContent("+" + item.To), "to");
                using var response = await client.PostAsync(new Uri(gateway), form, ct);
                if (response.IsSuccessStatusCode)
                {
                    item.RecordSent(clock.GetUtcNow().UtcDateTime);
                    sent++;
                }
                else item.RecordFailure($"gateway answered {(int)response.StatusCode}", clock.GetUtcNow().UtcDateTime, options.Value.MaxAttempts);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                item.RecordFailure(e.GetType().Name, clock.GetUtcNow().UtcDateTime, options.Value.MaxAttempts);
                LogSendFailed(log, item.Id, item.Attempts);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fax outbox item {Id} failed (attempt {Attempt})")]
    private static partial void LogSendFailed(ILogger logger, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fax outbox pass failed")]
    private static partial void LogCycleFailed(ILogger logger, Exception e);
}
