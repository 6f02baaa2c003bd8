using Khidma.Web.Areas.Mail.Mime;
using Xunit;

namespace Khidma.Tests.Mail;

public sealed class MailDateTests
{
    [Theory]
    [InlineData("Tue, 5 Mar 2024 10:20:30 +0300", "2024-03-05T10:20:30+03:00")]
    [InlineData("5 Mar 2024 10:20:30 +0300", "2024-03-05T10:20:30+03:00")]
    [InlineData("Tue, 05 Mar 2024 10:20 -0000", "2024-03-05T10:20:00+00:00")]
    [InlineData("Tue, 5 Mar 24 10:20:30 +0300", "2024-03-05T10:20:30+03:00")]
    [InlineData("Tue, 1 Jun 99 10:00:00 GMT", "1999-06-01T10:00:00+00:00")]
    [InlineData("Tue, 1 Jun 099 10:00:00 GMT", "1999-06-01T10:00:00+00:00")]
    [InlineData("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00")]
    [InlineData("Thu,13 Feb 1969 23:32:54 -0330", "1969-02-13T23:32:54-03:30")]
    [InlineData("Mon, 18 Mar 2024 10:00:00 +0300 (Arab Standard Time)", "2024-03-18T10:00:00+03:00")]
    [InlineData("  Wed, 6 Mar 2024 08:05:12 +0000 (UTC)  ", "2024-03-06T08:05:12+00:00")]
    [InlineData("Mon, 01 Jan 2024 00:00:60 +0000", "2024-01-01T00:00:59+00:00")]
    [InlineData("Mon, 1 January 2024 12:00:00 +0100", "2024-01-01T12:00:00+01:00")]
    [InlineData("Mon Jan  1 12:00:00 2024", "2024-01-01T12:00:00+00:00")]
    [InlineData("Mon, 1 Jan 2024 12:00:00+0530", "2024-01-01T12:00:00+05:30")]
    [InlineData("Mon, 1 Jan 2024 12:00:00 +05:30", "2024-01-01T12:00:00+05:30")]
    [InlineData("Mon, 1 Jan 2024 12:00:00.123 +0000", "2024-01-01T12:00:00+00:00")]
    public void Parse_Rfc5322AndObsoleteForms_Parsed(string input, string expected)
    {
        Assert.Equal(expected, MailJson.FormatDate(MailDate.Parse(input)!.Value));
    }

    [Theory]
    [InlineData("UT", "+00:00")]
    [InlineData("GMT", "+00:00")]
    [InlineData("EST", "-05:00")]
    [InlineData("EDT", "-04:00")]
    [InlineData("CST", "-06:00")]
    [InlineData("CDT", "-05:00")]
    [InlineData("MST", "-07:00")]
    [InlineData("MDT", "-06:00")]
    [InlineData("PST", "-08:00")]
    [InlineData("PDT", "-07:00")]
    [InlineData("Z", "+00:00")]
    [InlineData("A", "+00:00")]
    [InlineData("XYZT", "+00:00")]
    public void Parse_ObsoleteZones_MappedToOffset(string zone, string offset)
    {
        var date = MailDate.Parse("Tue, 5 Mar 2024 10:20:30 " + zone);

        Assert.Equal("2024-03-05T10:20:30" + offset, MailJson.FormatDate(date!.Value));
    }

    [Fact]
    public void Parse_NoZone_AssumesUtc()
    {
        Assert.Equal(TimeSpan.Zero, MailDate.Parse("5 Mar 2024 10:20:30")!.Value.Offset);
    }

    [Fact]
    public void Parse_Iso8601_ParsedByFallback()
    {
        Assert.Equal("2024-03-05T10:20:30+03:00", MailJson.FormatDate(MailDate.Parse("2024-03-05T10:20:30+03:00")!.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a date")]
    [InlineData("31 Feb 2024 10:00:00 +0000")]
    [InlineData("Mon, 1 Jan 2024 25:00:00 +0000")]
    [InlineData("Mon, 1 Foo 2024 10:00:00 +0000")]
    [InlineData("99999999999999999999")]
    [InlineData("Mon, 1 Jan 99999 10:00 +0000")]
    public void Parse_Unparseable_ReturnsNull(string? input)
    {
        Assert.Null(MailDate.Parse(input));
    }

    [Fact]
    public void Parse_AbsurdOffset_TreatedAsUtc()
    {
        Assert.Equal(TimeSpan.Zero, MailDate.Parse("Mon, 1 Jan 2024 10:00:00 +9999")!.Value.Offset);
    }
}
