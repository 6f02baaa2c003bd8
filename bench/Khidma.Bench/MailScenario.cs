using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Khidma.Bench;

// Mail ingest as a mail server drives it: postfix pipes each raw message to POST /api/v1/mail/inbound/{id}
// with the mailbox's token (docs/mail.md). The benchmark's mailbox is a pipe mailbox added straight into the
// schema, like the rest of the generated data; its token is fixed, only its hash is stored, as the app does.
public static class MailScenario
{
    public const string Token = "bench-pipe-token-2026";
    private const string Address = "support@bench.khidma.local";

    public static async Task<int> EnsureMailboxAsync(BenchOptions o)
    {
        await using var conn = await Repo.OpenDatabaseAsync(o);
        await using (var find = conn.CreateCommand())
        {
            find.CommandText = $"SELECT id FROM mail_mailboxes WHERE address = '{Address}'";
            if (await find.ExecuteScalarAsync() is { } id and not DBNull) return Convert.ToInt32(id, CultureInfo.InvariantCulture);
        }
        var yes = o.Postgres ? "true" : "1";
        var no = o.Postgres ? "false" : "0";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token)));
        await using var insert = conn.CreateCommand();
        insert.CommandText = $"""
            INSERT INTO mail_mailboxes (address, from_name, inbound_kind, port, security, folder, delete_after_store, smtp_port,
                smtp_security, pipe_token_hash, send_acknowledgment, expected_reply_days, is_enabled, imap_uid_validity, imap_last_uid, version)
            VALUES ('{Address}', 'خدمة العملاء', 'Pipe', 0, 'Tls', 'INBOX', {no}, 587, 'StartTls', '{hash}', {yes}, 1, {yes}, 0, 0, 0)
            RETURNING id
            """;
        return Convert.ToInt32(await insert.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>A new message from a known customer (even ids have customer{id}@example.com), Arabic subject and
    /// body in UTF-8 quoted-printable and base64, unique Message-ID per request so every one is processed.</summary>
    public static byte[] Message(int i, int customers, int runId)
    {
        var customer = 2 + 2L * (i * 7919L % Math.Max(1, customers / 2 - 1));
        var subject = Convert.ToBase64String(Encoding.UTF8.GetBytes($"استفسار عن الفاتورة رقم {i}"));
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"السلام عليكم،\r\nأرجو مراجعة الفاتورة رقم {i} فقد وصلتني مرتين هذا الشهر.\r\nمع الشكر،\r\nعميل رقم {customer}\r\n"), Base64FormattingOptions.InsertLineBreaks);
        var text = $"""
            From: =?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes("عميل"))}?= <customer{customer}@example.com>
            To: {Address}
            Subject: =?UTF-8?B?{subject}?=
            Message-ID: <bench-{runId}-{i}@example.com>
            Date: {DateTime.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            {body}
            """.ReplaceLineEndings("\r\n");
        return Encoding.ASCII.GetBytes(text);
    }
}
