using System.Text.Json;
using Khidma.Web.Areas.Mail.Mime;
using Xunit;

namespace Khidma.Tests.Mail;

public sealed class MailJsonTests
{
    [Fact]
    public void Serialize_FullMessage_ProducesContractShape()
    {
        var m = MailTestSupport.Parse(
            "From: =?utf-8?B?2LPYp9ix2Kk=?= <sara@x.test>\r\nTo: a@x.test\r\nCc: B <b@x.test>\r\nSubject: طلب\r\n"
            + "Date: Tue, 5 Mar 2024 10:20:30 +0300\r\nMessage-ID: <m1@x>\r\nIn-Reply-To: <m0@x>\r\nReferences: <r1@x> <m0@x>\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nنص\r\n--b\r\nContent-Type: application/pdf; name=f.pdf\r\n\r\nPDF\r\n--b--");

        var json = MailJson.Serialize(m);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal(
            ["subject", "from", "to", "cc", "date", "messageId", "inReplyTo", "references", "text", "html", "attachments"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("طلب", root.GetProperty("subject").GetString());
        Assert.Equal("سارة", root.GetProperty("from")[0].GetProperty("name").GetString());
        Assert.Equal("sara@x.test", root.GetProperty("from")[0].GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("to")[0].GetProperty("name").ValueKind);
        Assert.Equal("2024-03-05T10:20:30+03:00", root.GetProperty("date").GetString());
        Assert.Equal("m1@x", root.GetProperty("messageId").GetString());
        Assert.Equal("m0@x", root.GetProperty("inReplyTo").GetString());
        Assert.Equal(2, root.GetProperty("references").GetArrayLength());
        Assert.Equal("نص", root.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("html").ValueKind);
        var att = root.GetProperty("attachments")[0];
        Assert.Equal(["fileName", "contentType", "size", "sha256"], att.EnumerateObject().Select(p => p.Name));
        Assert.Equal("f.pdf", att.GetProperty("fileName").GetString());
        Assert.Equal(3, att.GetProperty("size").GetInt32());
    }

    [Fact]
    public void Serialize_Arabic_NotEscapedAndIndented()
    {
        var json = MailJson.Serialize(MailTestSupport.Parse("Subject: مرحبا\r\n\r\n"));

        Assert.Contains("\"subject\": \"مرحبا\"", json, StringComparison.Ordinal);
        Assert.Contains("\n  \"from\": []", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_MissingValues_WrittenAsNull()
    {
        using var doc = JsonDocument.Parse(MailJson.Serialize(MailTestSupport.Parse("X: y\r\n\r\n")));
        var root = doc.RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("date").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("messageId").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("inReplyTo").ValueKind);
        Assert.Equal(string.Empty, root.GetProperty("subject").GetString());
    }

    [Fact]
    public void Serialize_ControlCharactersAndLoneSurrogates_StillValidJson()
    {
        var m = MailTestSupport.Parse("Subject: a\u0001b\r\nContent-Type: text/html\r\n\r\n<p>&#xD800;x\u0000</p>");

        using var doc = JsonDocument.Parse(MailJson.Serialize(m));

        Assert.Equal("a\u0001b", doc.RootElement.GetProperty("subject").GetString());
    }
}
