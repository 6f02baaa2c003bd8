using Khidma.Web.Areas.Mail.Mime;

namespace Khidma.Web.Areas.Mail.Domain;

public enum AutomaticKind { None, AutoReply, Bounce, Loop }

// Robots answering robots is how mail loops start: anything that looks automatic is kept but never answered.
public static class AutoDetection
{
    private static readonly string[] BulkPrecedence = ["bulk", "junk", "list", "auto_reply"];
    private static readonly string[] DaemonLocalParts = ["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"];

    public static AutomaticKind Classify(ParsedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (IsBounce(mail)) return AutomaticKind.Bounce;
        var auto = mail.AutoSubmitted;
        if (!string.IsNullOrWhiteSpace(auto) && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase)) return AutomaticKind.AutoReply;
        if (mail.Precedence is { } p && BulkPrecedence.Contains(p.Trim().ToLowerInvariant())) return AutomaticKind.AutoReply;
        if (mail.Headers.Contains("X-Autoreply") || mail.Headers.Contains("X-Autorespond") || mail.Headers.Contains("X-Autoresponder"))
            return AutomaticKind.AutoReply;
        if (mail.Header("X-Auto-Response-Suppress") is { } s && s.Contains("All", StringComparison.OrdinalIgnoreCase)
            && mail.Header("Auto-Submitted") is not null) return AutomaticKind.AutoReply;
        return AutomaticKind.None;
    }

    private static bool IsBounce(ParsedMail mail)
    {
        if (mail.ReturnPath is { } rp && rp.Replace(" ", "", StringComparison.Ordinal) == "<>") return true;
        var root = mail.Root;
        if (root.MediaType == "multipart/report"
            && string.Equals(root.ContentType["report-type"], "delivery-status", StringComparison.OrdinalIgnoreCase)) return true;
        var from = mail.From.Count > 0 ? mail.From[0].Address : null;
        if (from is null) return false;
        var at = from.IndexOf('@', StringComparison.Ordinal);
        var local = (at > 0 ? from[..at] : from).ToLowerInvariant();
        return DaemonLocalParts.Contains(local);
    }
}
