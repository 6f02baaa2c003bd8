using System.Security.Cryptography;
using System.Text;
using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Auth;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Mail.Api;

public static class MailInboundApi
{
    public const string TokenHeader = "X-Khidma-Mailbox-Token";

    /// <summary>
    /// <c>POST /api/v1/mail/inbound/{mailboxId}</c>: a mail server pipes one raw message (RFC 5322 bytes) in.
    /// Authenticated by the mailbox's own token in <c>X-Khidma-Mailbox-Token</c>, not by an API token.
    /// 202 once the message is stored (a repeat of the same Message-ID is also 202, stored once).
    /// </summary>
    public static RouteGroupBuilder MapMailApi(this RouteGroupBuilder api)
    {
        api.MapPost("/mail/inbound/{mailboxId:int}", ReceiveAsync)
            .AllowAnonymous()
            .Accepts<byte[]>("message/rfc822", "application/octet-stream")
            .WithName("PipeInboundMail");
        return api;
    }

    private static async Task<IResult> ReceiveAsync(int mailboxId, HttpContext http, AppDbContext db, MailIngest ingest,
        IOptions<MailOptions> options, CancellationToken ct)
    {
        var mailbox = await db.Set<Mailbox>().AsNoTracking().Where(m => m.Id == mailboxId)
            .Select(m => new { m.PipeTokenHash, m.IsEnabled }).FirstOrDefaultAsync(ct);
        var token = http.Request.Headers[TokenHeader].ToString();
        if (mailbox?.PipeTokenHash is null || token.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(AuthSetup.HashToken(token)), Encoding.ASCII.GetBytes(mailbox.PipeTokenHash)))
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown mailbox or wrong mailbox token.");
        if (!mailbox.IsEnabled)
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "This mailbox is disabled.");

        // Over-size mail is still taken (and kept as Failed) up to twice the limit; beyond that the sender gets a bounce.
        var hardLimit = (long)options.Value.MaxMessageBytes * 2;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = hardLimit;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > hardLimit)
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The message is too large.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be the raw message.");

        var stored = await ingest.StoreAsync(mailboxId, buffer.ToArray(), ct);
        if (stored.IsNew && stored.Message.State == InboundState.Pending)
            await ingest.ProcessAsync(stored.Message.Id, ct);
        var state = await db.Set<InboundMessage>().AsNoTracking().Where(m => m.Id == stored.Message.Id).Select(m => m.State).FirstAsync(ct);
        return Results.Accepted(null, new { id = stored.Message.Id, state = state.ToString(), duplicate = !stored.IsNew });
    }
}
