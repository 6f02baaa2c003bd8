using System.Text;
using System.Text.Json;
using Khidma.Web.Areas.Mail.Mime;
using Xunit;

namespace Khidma.Tests.Mail;

public sealed class CorpusTests
{
    public static TheoryData<string> Messages()
    {
        var data = new TheoryData<string>();
        foreach (var name in MailTestSupport.CorpusNames())
        {
            data.Add(name);
        }

        return data;
    }

    private static (ParsedMail Mail, JsonElement Expected, JsonDocument Doc) Load(string name)
    {
        var dir = MailTestSupport.CorpusDirectory();
        var mail = MimeParser.Parse(File.ReadAllBytes(Path.Combine(dir, name + ".eml")));
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".expected.json"), Encoding.UTF8));
        return (mail, doc.RootElement, doc);
    }

    [Fact]
    public void Corpus_HasEnoughMessages_AtLeastTwelveWithExpectations()
    {
        var names = MailTestSupport.CorpusNames();

        Assert.True(names.Count >= 12, $"only {names.Count} corpus messages");
        foreach (var name in names)
        {
            Assert.True(File.Exists(Path.Combine(MailTestSupport.CorpusDirectory(), name + ".expected.json")), name);
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Parse_CorpusMessage_MatchesExpected(string name)
    {
        var (m, e, doc) = Load(name);
        using var _ = doc;

        Assert.Null(m.ParseError);
        Assert.Equal(e.GetProperty("subject").GetString(), m.Subject);
        AssertAddresses(e.GetProperty("from"), m.From);
        AssertAddresses(e.GetProperty("to"), m.To);
        AssertAddresses(e.GetProperty("cc"), m.Cc);
        Assert.Equal(e.GetProperty("date").GetString(), m.Date is { } d ? MailJson.FormatDate(d) : null);
        Assert.Equal(e.GetProperty("messageId").GetString(), m.MessageId);
        Assert.Equal(e.GetProperty("inReplyTo").GetString(), m.InReplyTo);
        Assert.Equal(e.GetProperty("references").EnumerateArray().Select(r => r.GetString()!), m.References);

        if (e.TryGetProperty("text", out var text))
        {
            Assert.Equal(text.GetString(), m.Text);
        }

        foreach (var part in Strings(e, "textContains"))
        {
            Assert.Contains(part, m.Text, StringComparison.Ordinal);
        }

        foreach (var part in Strings(e, "textNotContains"))
        {
            Assert.DoesNotContain(part, m.Text, StringComparison.Ordinal);
        }

        Assert.Equal(e.GetProperty("html").GetBoolean(), m.Html is not null);
        foreach (var part in Strings(e, "htmlContains"))
        {
            Assert.Contains(part, m.Html, StringComparison.Ordinal);
        }

        var expectedAttachments = e.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(expectedAttachments.Count, m.Attachments.Count);
        for (var i = 0; i < expectedAttachments.Count; i++)
        {
            var ea = expectedAttachments[i];
            var a = m.Attachments[i];
            Assert.Equal(ea.GetProperty("fileName").GetString(), a.FileName);
            Assert.Equal(ea.GetProperty("contentType").GetString(), a.ContentType);
            Assert.Equal(ea.GetProperty("size").GetInt32(), a.Size);
            Assert.Equal(ea.GetProperty("sha256").GetString(), a.Sha256);
            if (ea.TryGetProperty("contentId", out var cid))
            {
                Assert.Equal(cid.GetString(), a.ContentId);
            }
        }

        if (e.TryGetProperty("headers", out var headers))
        {
            foreach (var h in headers.EnumerateObject())
            {
                Assert.Equal(h.Value.GetString(), m.Header(h.Name));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Serialize_CorpusMessage_JsonAgreesWithExpected(string name)
    {
        var (m, e, doc) = Load(name);
        using var _ = doc;

        using var json = JsonDocument.Parse(MailJson.Serialize(m));
        var root = json.RootElement;

        Assert.Equal(e.GetProperty("subject").GetString(), root.GetProperty("subject").GetString());
        Assert.Equal(e.GetProperty("date").GetString(), root.GetProperty("date").ValueKind == JsonValueKind.Null ? null : root.GetProperty("date").GetString());
        Assert.Equal(e.GetProperty("from").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal),
            root.GetProperty("from").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
        var attachments = root.GetProperty("attachments").EnumerateArray().ToList();
        var expected = e.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(expected.Count, attachments.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("sha256").GetString(), attachments[i].GetProperty("sha256").GetString());
            Assert.Equal(expected[i].GetProperty("fileName").GetString(), attachments[i].GetProperty("fileName").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Parse_CorpusMessageWithBareLf_SameHeadersAndText(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(MailTestSupport.CorpusDirectory(), name + ".eml"));
        var lf = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!(bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n'))
            {
                lf.Add(bytes[i]);
            }
        }

        var crlf = MimeParser.Parse(bytes);
        var bare = MimeParser.Parse(lf.ToArray());

        Assert.Equal(crlf.Subject, bare.Subject);
        Assert.Equal(crlf.From, bare.From);
        Assert.Equal(crlf.Text, bare.Text);
        Assert.Equal(crlf.Attachments.Select(a => a.FileName), bare.Attachments.Select(a => a.FileName));
    }

    private static void AssertAddresses(JsonElement expected, IReadOnlyList<MailAddress> actual)
    {
        var list = expected.EnumerateArray()
            .Select(a => new MailAddress(a.GetProperty("name").GetString(), a.GetProperty("address").GetString()!))
            .ToList();
        Assert.Equal(list, actual);
    }

    private static IEnumerable<string> Strings(JsonElement e, string property) =>
        e.TryGetProperty(property, out var arr) ? arr.EnumerateArray().Select(x => x.GetString()!) : [];
}
