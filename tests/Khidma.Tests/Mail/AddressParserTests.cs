using Khidma.Web.Areas.Mail.Mime;
using Xunit;

namespace Khidma.Tests.Mail;

public sealed class AddressParserTests
{
    [Fact]
    public void ParseList_AngleAndBareAddresses_Parsed()
    {
        var list = AddressParser.ParseList("John Doe <john@x.test>, jane@y.test, <only@z.test>");

        Assert.Equal(
            [new MailAddress("John Doe", "john@x.test"), new MailAddress(null, "jane@y.test"), new MailAddress(null, "only@z.test")],
            list);
    }

    [Fact]
    public void ParseList_QuotedNameWithSpecials_Unescaped()
    {
        var list = AddressParser.ParseList("\"Doe, John \\\"JD\\\" (Sales)\" <jd@x.test>");

        Assert.Equal(new MailAddress("Doe, John \"JD\" (Sales)", "jd@x.test"), Assert.Single(list));
    }

    [Fact]
    public void ParseList_EncodedWordName_Decoded()
    {
        var list = AddressParser.ParseList("=?UTF-8?B?2KPYrdmF2K8=?= =?UTF-8?B?INi52YTZig==?= <ahmed@x.test>");

        Assert.Equal(new MailAddress("أحمد علي", "ahmed@x.test"), Assert.Single(list));
    }

    [Fact]
    public void ParseList_QuotedEncodedWordName_Decoded()
    {
        var list = AddressParser.ParseList("\"=?windows-1256?B?0+Hj7A==?=\" <salma@x.test>");

        Assert.Equal("سلمى", Assert.Single(list).Name);
    }

    [Fact]
    public void ParseList_CommentAsName_UsedWhenNoPhrase()
    {
        var list = AddressParser.ParseList("john@example.com (John Q. Public), mary@x.test(Mary)");

        Assert.Equal([new MailAddress("John Q. Public", "john@example.com"), new MailAddress("Mary", "mary@x.test")], list);
    }

    [Fact]
    public void ParseList_CommentsInsideAddress_Ignored()
    {
        var list = AddressParser.ParseList("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>");

        Assert.Equal("Pete", Assert.Single(list).Name);
    }

    [Fact]
    public void ParseList_UndisclosedRecipientsGroup_Empty()
    {
        Assert.Empty(AddressParser.ParseList("undisclosed-recipients:;"));
        Assert.Empty(AddressParser.ParseList("Undisclosed recipients: ;"));
    }

    [Fact]
    public void ParseList_GroupWithMembers_MembersReturned()
    {
        var list = AddressParser.ParseList("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, after@x.test");

        Assert.Equal(["c@a.test", "joe@where.test", "jdoe@one.test", "after@x.test"], list.Select(a => a.Address));
        Assert.Equal("Ed Jones", list[0].Name);
    }

    [Fact]
    public void ParseList_UnquotedCommaInName_JoinedWithNextAddress()
    {
        var list = AddressParser.ParseList("Smith, John <john@x.test>");

        Assert.Equal(new MailAddress("Smith, John", "john@x.test"), Assert.Single(list));
    }

    [Fact]
    public void ParseList_NameWithoutBrackets_AddressFound()
    {
        var list = AddressParser.ParseList("John Smith john@x.test");

        Assert.Equal(new MailAddress("John Smith", "john@x.test"), Assert.Single(list));
    }

    [Fact]
    public void ParseList_SingleQuotedOutlookName_QuotesRemoved()
    {
        Assert.Equal("John Smith", Assert.Single(AddressParser.ParseList("'John Smith' <j@x.test>")).Name);
    }

    [Fact]
    public void ParseList_SourceRouteAndMailto_Cleaned()
    {
        Assert.Equal("user@example.com", Assert.Single(AddressParser.ParseList("<@relay.test:user@example.com>")).Address);
        Assert.Equal("a@b.test", Assert.Single(AddressParser.ParseList("<mailto:a@b.test>")).Address);
    }

    [Fact]
    public void ParseList_RawUtf8Name_Kept()
    {
        Assert.Equal(new MailAddress("خالد", "k@x.test"), Assert.Single(AddressParser.ParseList("خالد <k@x.test>")));
    }

    [Fact]
    public void ParseList_QEncodedWordWithComma_KeptWhole()
    {
        var list = AddressParser.ParseList("=?utf-8?Q?Smith,_John?= <j@x.test>");

        Assert.Equal(new MailAddress("Smith, John", "j@x.test"), Assert.Single(list));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,,;;")]
    [InlineData("<>")]
    public void ParseList_Empty_ReturnsEmpty(string? value)
    {
        Assert.Empty(AddressParser.ParseList(value));
    }

    [Theory]
    [InlineData("\"unterminated <a@b>")]
    [InlineData("(unterminated comment a@b")]
    [InlineData("<unterminated@angle")]
    [InlineData("a@b <c@d> <e@f>")]
    [InlineData(":::;;;<<<>>>@@@")]
    public void ParseList_Malformed_DoesNotThrow(string value)
    {
        var list = AddressParser.ParseList(value);

        Assert.NotNull(list);
    }

    [Fact]
    public void ParseList_LocalNameOnly_KeptAsAddress()
    {
        Assert.Equal(new MailAddress(null, "support"), Assert.Single(AddressParser.ParseList("support")));
    }
}
