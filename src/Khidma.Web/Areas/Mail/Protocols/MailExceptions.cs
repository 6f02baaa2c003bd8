namespace Khidma.Web.Areas.Mail.Protocols;

/// <summary>
/// A mail server refused something or broke the protocol. <see cref="IsTransient"/> tells a poller or an
/// outbox whether trying again later can help. Messages carry the server's text, never what we sent
/// (so never a password).
/// </summary>
public class MailProtocolException : Exception
{
    public MailProtocolException() { }

    public MailProtocolException(string message) : base(message) { }

    public MailProtocolException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>True when the same operation may succeed later (network trouble, 4xx replies).</summary>
    public virtual bool IsTransient => false;
}

/// <summary>The connection failed or was closed by the server; always worth retrying later.</summary>
public sealed class MailConnectionException : MailProtocolException
{
    public MailConnectionException() { }

    public MailConnectionException(string message) : base(message) { }

    public MailConnectionException(string message, Exception innerException) : base(message, innerException) { }

    public override bool IsTransient => true;
}

/// <summary>TLS could not be set up: the certificate was rejected or the server does not offer STARTTLS.</summary>
public sealed class MailTlsException : MailProtocolException
{
    public MailTlsException() { }

    public MailTlsException(string message) : base(message) { }

    public MailTlsException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>An IMAP command ended in NO or BAD (or the server said BYE).</summary>
public sealed class ImapCommandException : MailProtocolException
{
    public ImapCommandException() { }

    public ImapCommandException(string message) : base(message) { }

    public ImapCommandException(string message, Exception innerException) : base(message, innerException) { }

    public ImapCommandException(string command, string status, string? responseCode, string responseText)
        : base($"IMAP {command} failed: {status}{(responseCode is null ? "" : $" [{responseCode}]")} {responseText}")
    {
        Command = command;
        Status = status;
        ResponseCode = responseCode;
        ResponseText = responseText;
    }

    /// <summary>The command's name only (e.g. "LOGIN"), never its arguments.</summary>
    public string Command { get; } = "";

    /// <summary>"NO", "BAD" or "BYE".</summary>
    public string Status { get; } = "";

    /// <summary>The bracketed response code without brackets, e.g. "AUTHENTICATIONFAILED" or "TRYCREATE".</summary>
    public string? ResponseCode { get; }

    public string ResponseText { get; } = "";

    public override bool IsTransient =>
        Status == "BYE" || ResponseCode is not null && (ResponseCode.StartsWith("UNAVAILABLE", StringComparison.OrdinalIgnoreCase)
                                                       || ResponseCode.StartsWith("INUSE", StringComparison.OrdinalIgnoreCase)
                                                       || ResponseCode.StartsWith("SERVERBUG", StringComparison.OrdinalIgnoreCase)
                                                       || ResponseCode.StartsWith("LIMIT", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A POP3 command got -ERR.</summary>
public sealed class Pop3CommandException : MailProtocolException
{
    public Pop3CommandException() { }

    public Pop3CommandException(string message) : base(message) { }

    public Pop3CommandException(string message, Exception innerException) : base(message, innerException) { }

    public Pop3CommandException(string command, string responseText)
        : base($"POP3 {command} failed: -ERR {responseText}")
    {
        Command = command;
        ResponseText = responseText;
    }

    /// <summary>The command's name only (e.g. "PASS"), never its arguments.</summary>
    public string Command { get; } = "";

    public string ResponseText { get; } = "";

    // RFC 2449/3206 response codes: [IN-USE] and [SYS/TEMP] say "try later".
    public override bool IsTransient =>
        ResponseText.StartsWith("[IN-USE]", StringComparison.OrdinalIgnoreCase)
        || ResponseText.StartsWith("[SYS/TEMP]", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An SMTP reply outside the expected 2xx/3xx: <see cref="SmtpTransientException"/> for 4xx, <see cref="SmtpPermanentException"/> for 5xx.</summary>
public abstract class SmtpCommandException : MailProtocolException
{
    protected SmtpCommandException() { }

    protected SmtpCommandException(string message) : base(message) { }

    protected SmtpCommandException(string message, Exception innerException) : base(message, innerException) { }

    protected SmtpCommandException(string command, SmtpReply reply)
        : base($"SMTP {command} failed: {reply}")
    {
        Command = command;
        Reply = reply;
    }

    /// <summary>The command's name only (e.g. "RCPT TO"), never its arguments.</summary>
    public string Command { get; } = "";

    public SmtpReply Reply { get; } = new(0, []);

    public int StatusCode => Reply.Code;

    internal static SmtpCommandException For(string command, SmtpReply reply) =>
        reply.Code is >= 400 and < 500 ? new SmtpTransientException(command, reply) : new SmtpPermanentException(command, reply);
}

/// <summary>A 4xx reply: the outbox should keep the message and try again later.</summary>
public sealed class SmtpTransientException : SmtpCommandException
{
    public SmtpTransientException() { }

    public SmtpTransientException(string message) : base(message) { }

    public SmtpTransientException(string message, Exception innerException) : base(message, innerException) { }

    public SmtpTransientException(string command, SmtpReply reply) : base(command, reply) { }

    public override bool IsTransient => true;
}

/// <summary>A 5xx reply (or an unexpected code): retrying the same message will not help.</summary>
public sealed class SmtpPermanentException : SmtpCommandException
{
    public SmtpPermanentException() { }

    public SmtpPermanentException(string message) : base(message) { }

    public SmtpPermanentException(string message, Exception innerException) : base(message, innerException) { }

    public SmtpPermanentException(string command, SmtpReply reply) : base(command, reply) { }
}
