using Khidma.Web.Areas.Mail.Mime;
using Khidma.Web.Areas.Mail.Protocols;

namespace Khidma.Tests.MailProtocols;

// What the builder writes, the module's own MIME reader must read back unchanged.
public class MimeInteropTests
{
    [Fact]
    public void Build_ArabicReplyWithAttachment_MimeParserReadsEveryField()
    {
        var pdf = new byte[3000];
        new Random(3).NextBytes(pdf);
        var message = new OutgoingMessage
        {
            From = new MailboxAddress("support@khidma.test", "خدمة العملاء"),
            To = { new MailboxAddress("customer@example.test", "أحمد بن علي") },
            Cc = { new MailboxAddress("sales@khidma.test", "Sales, \"East\"") },
            Subject = "رد: طلبكم رقم ١٢٣٤ — تم الاستلام وسنتواصل معكم خلال يومي عمل إن شاء الله",
            TextBody = "السلام عليكم\n.سطر بنقطة\nشكراً",
            HtmlBody = "<p dir=\"rtl\">السلام عليكم</p>",
            InReplyTo = "<q1@example.test>",
            References = { "<q0@example.test>", "<q1@example.test>" },
            AutoSubmitted = AutoSubmitted.AutoReplied,
            Attachments = { new OutgoingAttachment("فاتورة نوفمبر ٢٠٢٦ للعميل أحمد بن علي.pdf", "application/pdf", pdf) },
        };

        var built = message.Build(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.FromHours(3)));
        var parsed = MimeParser.Parse(built.Raw);

        Assert.Null(parsed.ParseError);
        Assert.Equal(message.Subject, parsed.Subject);
        Assert.Equal(new MailAddress("خدمة العملاء", "support@khidma.test"), Assert.Single(parsed.From));
        Assert.Equal(new MailAddress("أحمد بن علي", "customer@example.test"), Assert.Single(parsed.To));
        Assert.Equal(new MailAddress("Sales, \"East\"", "sales@khidma.test"), Assert.Single(parsed.Cc));
        Assert.Equal("السلام عليكم\n.سطر بنقطة\nشكراً", parsed.Text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd());
        Assert.Equal(message.HtmlBody, parsed.Html?.TrimEnd());
        Assert.Equal(built.MessageId.Trim('<', '>'), parsed.MessageId?.Trim('<', '>'));
        Assert.Equal("q1@example.test", parsed.InReplyTo?.Trim('<', '>'));
        Assert.Equal(["q0@example.test", "q1@example.test"], parsed.References.Select(r => r.Trim('<', '>')));
        Assert.Equal("auto-replied", parsed.AutoSubmitted);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.FromHours(3)), parsed.Date);
        var attachment = Assert.Single(parsed.Attachments);
        Assert.Equal("فاتورة نوفمبر ٢٠٢٦ للعميل أحمد بن علي.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal(pdf, attachment.Content.ToArray());
    }
}
