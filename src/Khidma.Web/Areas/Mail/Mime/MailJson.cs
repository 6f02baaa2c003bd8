using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Khidma.Web.Areas.Mail.Mime;

// The exact object `mail parse FILE` prints. Written by hand so field order and null handling never drift.
public static class MailJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(ParsedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            Write(w, mail);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Write(Utf8JsonWriter writer, ParsedMail mail)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(mail);
        writer.WriteStartObject();
        writer.WriteString("subject", mail.Subject);
        WriteAddresses(writer, "from", mail.From);
        WriteAddresses(writer, "to", mail.To);
        WriteAddresses(writer, "cc", mail.Cc);
        if (mail.Date is { } date)
        {
            writer.WriteString("date", FormatDate(date));
        }
        else
        {
            writer.WriteNull("date");
        }

        writer.WriteString("messageId", mail.MessageId);
        writer.WriteString("inReplyTo", mail.InReplyTo);
        writer.WriteStartArray("references");
        foreach (var r in mail.References)
        {
            writer.WriteStringValue(r);
        }

        writer.WriteEndArray();
        writer.WriteString("text", Charsets.ReplaceLoneSurrogates(mail.Text));
        writer.WriteString("html", mail.Html is null ? null : Charsets.ReplaceLoneSurrogates(mail.Html));
        writer.WriteStartArray("attachments");
        foreach (var a in mail.Attachments)
        {
            writer.WriteStartObject();
            writer.WriteString("fileName", a.FileName);
            writer.WriteString("contentType", a.ContentType);
            writer.WriteNumber("size", a.Size);
            writer.WriteString("sha256", a.Sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string FormatDate(DateTimeOffset date) =>
        date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void WriteAddresses(Utf8JsonWriter writer, string name, IReadOnlyList<MailAddress> addresses)
    {
        writer.WriteStartArray(name);
        foreach (var a in addresses)
        {
            writer.WriteStartObject();
            writer.WriteString("name", a.Name);
            writer.WriteString("address", a.Address);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
