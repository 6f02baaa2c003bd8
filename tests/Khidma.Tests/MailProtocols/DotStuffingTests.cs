using System.Buffers;
using Khidma.Web.Areas.Mail.Protocols;

namespace Khidma.Tests.MailProtocols;

public class DotStuffingTests
{
    private static byte[] Stuff(byte[] message)
    {
        var output = new ArrayBufferWriter<byte>();
        DotStuffing.Stuff(message, output);
        return output.WrittenSpan.ToArray();
    }

    // What SMTP promises to deliver: every line ending CRLF, a final CRLF.
    private static byte[] Normalized(byte[] message)
    {
        var output = new List<byte>();
        for (var i = 0; i < message.Length; i++)
        {
            if (message[i] == '\r' || message[i] == '\n')
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
                if (message[i] == '\r' && i + 1 < message.Length && message[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                output.Add(message[i]);
            }
        }

        if (output.Count > 0 && output[^1] != '\n')
        {
            output.Add((byte)'\r');
            output.Add((byte)'\n');
        }

        return [.. output];
    }

    [Theory]
    [InlineData("", ".\r\n")]
    [InlineData("a", "a\r\n.\r\n")]
    [InlineData(".", "..\r\n.\r\n")]
    [InlineData("a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n.\r\n")]
    [InlineData("..x\n.y\rz", "...x\r\n..y\r\nz\r\n.\r\n")]
    [InlineData("a.\r\n.", "a.\r\n..\r\n.\r\n")]
    public void Stuff_Examples_DoubleLeadingDotsAndNormaliseLineEnds(string message, string expected) =>
        Assert.Equal(expected, System.Text.Encoding.Latin1.GetString(Stuff(System.Text.Encoding.Latin1.GetBytes(message))));

    [Fact]
    public void Stuff_AnyBytes_UnstuffGivesNormalizedMessage()
    {
        FsCheck.Check.QuickThrowOnFailure(FsCheck.Fluent.Prop.ForAll<byte[]>(bytes =>
        {
            var message = bytes ?? [];
            var stuffed = Stuff(message);
            var body = stuffed.AsSpan(0, stuffed.Length - 3);
            // Only the terminator is a lone dot line; no bare CR or LF goes out.
            var lines = System.Text.Encoding.Latin1.GetString(body).Split("\r\n");
            return DotStuffing.Unstuff(stuffed).SequenceEqual(Normalized(message))
                && lines.All(l => l != "." && !l.Contains('\r', StringComparison.Ordinal) && !l.Contains('\n', StringComparison.Ordinal))
                && stuffed.AsSpan()[^3..].SequenceEqual(".\r\n"u8);
        }));
    }

    [Fact]
    public void Unstuff_StopsAtTerminatorLine_IgnoresWhatFollows()
    {
        var data = "a\r\n..b\r\n.\r\nafter\r\n"u8.ToArray();

        Assert.Equal("a\r\n.b\r\n"u8.ToArray(), DotStuffing.Unstuff(data));
    }
}
