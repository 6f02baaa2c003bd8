using System.Buffers;

namespace Khidma.Web.Areas.Mail.Protocols;

// RFC 5321 §4.5.2 / RFC 1939 §3 transparency: a line starting with '.' travels with one more '.', and a
// line holding only '.' ends the data. Works on bytes so 8-bit and binary content passes unchanged.
internal static class DotStuffing
{
    /// <summary>
    /// Writes message as SMTP DATA content: line ends normalised to CRLF (bare LF or CR become CRLF), leading
    /// dots doubled, a final CRLF added if missing, followed by the terminating ".\r\n".
    /// </summary>
    public static void Stuff(ReadOnlySpan<byte> message, IBufferWriter<byte> output)
    {
        var atLineStart = true;
        var pos = 0;
        while (pos < message.Length)
        {
            if (atLineStart && message[pos] == '.')
            {
                output.Write("."u8);
            }

            var rest = message[pos..];
            var brk = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (brk < 0)
            {
                output.Write(rest);
                output.Write("\r\n"u8);
                atLineStart = true;
                pos = message.Length;
                break;
            }

            output.Write(rest[..brk]);
            output.Write("\r\n"u8);
            atLineStart = true;
            pos += brk + (rest[brk] == '\r' && brk + 1 < rest.Length && rest[brk + 1] == '\n' ? 2 : 1);
        }

        output.Write(".\r\n"u8);
    }

    /// <summary>
    /// Appends one received line (with its terminator) of a POP3 multi-line response to output with the
    /// leading dot removed; returns false, appending nothing, for the terminating "." line.
    /// </summary>
    public static bool AppendUnstuffedLine(ReadOnlySpan<byte> line, IBufferWriter<byte> output)
    {
        if (line.Length > 0 && line[0] == '.')
        {
            if (MailBytes.TrimLineEnd(line).Length == 1)
            {
                return false;
            }

            line = line[1..];
        }

        output.Write(line);
        return true;
    }

    /// <summary>Undoes <see cref="Stuff"/>: the content up to the "." line, leading dots removed.</summary>
    public static byte[] Unstuff(ReadOnlySpan<byte> data)
    {
        var output = new ArrayBufferWriter<byte>(data.Length);
        while (!data.IsEmpty)
        {
            var nl = data.IndexOf((byte)'\n');
            var line = nl < 0 ? data : data[..(nl + 1)];
            if (!AppendUnstuffedLine(line, output))
            {
                break;
            }

            data = data[line.Length..];
        }

        return output.WrittenSpan.ToArray();
    }
}
