using System.Buffers;
using System.Text;

namespace Khidma.Web.Areas.Mail.Mime;

public static class ContentDecoding
{
    private static readonly sbyte[] Base64Table = BuildTable();

    private static sbyte[] BuildTable()
    {
        var t = new sbyte[256];
        Array.Fill(t, (sbyte)-1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < alphabet.Length; i++)
        {
            t[alphabet[i]] = (sbyte)i;
        }

        // URL-safe alphabet shows up from some web mailers.
        t['-'] = 62;
        t['_'] = 63;
        return t;
    }

    // Unknown encodings (7bit, 8bit, binary, x-whatever) pass through untouched.
    public static ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> raw, string? transferEncoding)
    {
        if (string.IsNullOrEmpty(transferEncoding))
        {
            return raw;
        }

        if (transferEncoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
        {
            return Base64(raw.Span);
        }

        if (transferEncoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            return QuotedPrintable(raw.Span);
        }

        return raw;
    }

    // Tolerates whitespace, junk characters, missing padding and padding in the middle (concatenated chunks).
    public static byte[] Base64(ReadOnlySpan<byte> input)
    {
        var output = new byte[(input.Length / 4 * 3) + 3];
        if (System.Buffers.Text.Base64.DecodeFromUtf8(input, output, out var consumed, out var written) == OperationStatus.Done
            && consumed == input.Length)
        {
            return written == output.Length ? output : output.AsSpan(0, written).ToArray();
        }

        var o = 0;
        var quartet = 0;
        var buffer = 0u;
        foreach (var b in input)
        {
            var v = Base64Table[b];
            if (v >= 0)
            {
                buffer = (buffer << 6) | (byte)v;
                if (++quartet == 4)
                {
                    output[o++] = (byte)(buffer >> 16);
                    output[o++] = (byte)(buffer >> 8);
                    output[o++] = (byte)buffer;
                    quartet = 0;
                    buffer = 0;
                }
            }
            else if (b == '=')
            {
                o = FlushPartial(output, o, quartet, buffer);
                quartet = 0;
                buffer = 0;
            }
        }

        o = FlushPartial(output, o, quartet, buffer);
        return output.AsSpan(0, o).ToArray();
    }

    private static int FlushPartial(byte[] output, int o, int quartet, uint buffer)
    {
        if (quartet == 2)
        {
            output[o++] = (byte)(buffer >> 4);
        }
        else if (quartet == 3)
        {
            output[o++] = (byte)(buffer >> 10);
            output[o++] = (byte)(buffer >> 2);
        }

        return o;
    }

    internal static void Base64Into(ReadOnlySpan<char> input, List<byte> output)
    {
        var quartet = 0;
        var buffer = 0u;
        foreach (var c in input)
        {
            var v = c < 256 ? Base64Table[c] : (sbyte)-1;
            if (v >= 0)
            {
                buffer = (buffer << 6) | (byte)v;
                if (++quartet == 4)
                {
                    output.Add((byte)(buffer >> 16));
                    output.Add((byte)(buffer >> 8));
                    output.Add((byte)buffer);
                    quartet = 0;
                    buffer = 0;
                }
            }
            else if (c == '=')
            {
                FlushPartial(output, quartet, buffer);
                quartet = 0;
                buffer = 0;
            }
        }

        FlushPartial(output, quartet, buffer);
    }

    private static void FlushPartial(List<byte> output, int quartet, uint buffer)
    {
        if (quartet == 2)
        {
            output.Add((byte)(buffer >> 4));
        }
        else if (quartet == 3)
        {
            output.Add((byte)(buffer >> 10));
            output.Add((byte)(buffer >> 2));
        }
    }

    // Soft breaks ("=" before a line end, possibly with trailing blanks) vanish; invalid escapes stay literal.
    public static byte[] QuotedPrintable(ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length];
        var o = 0;
        var i = 0;
        var n = input.Length;
        while (i < n)
        {
            var eq = input[i..].IndexOf((byte)'=');
            if (eq < 0)
            {
                input[i..].CopyTo(output.AsSpan(o));
                o += n - i;
                break;
            }

            input.Slice(i, eq).CopyTo(output.AsSpan(o));
            o += eq;
            i += eq;

            if (i + 2 < n && IsHexByte(input[i + 1]) && IsHexByte(input[i + 2]))
            {
                output[o++] = (byte)((HexByte(input[i + 1]) << 4) | HexByte(input[i + 2]));
                i += 3;
                continue;
            }

            var j = i + 1;
            while (j < n && input[j] is (byte)' ' or (byte)'\t')
            {
                j++;
            }

            if (j >= n)
            {
                i = n;
            }
            else if (input[j] == '\n')
            {
                i = j + 1;
            }
            else if (input[j] == '\r')
            {
                i = j + 1 < n && input[j + 1] == '\n' ? j + 2 : j + 1;
            }
            else
            {
                output[o++] = (byte)'=';
                i++;
            }
        }

        return o == output.Length ? output : output.AsSpan(0, o).ToArray();
    }

    private static bool IsHexByte(byte b) => b < 128 && char.IsAsciiHexDigit((char)b);

    private static int HexByte(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    // RFC 3676 format=flowed: lines ending in a space continue on the next line of the same quote depth.
    public static string UnwrapFlowed(string text, bool delSp)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var prevFlowed = false;
        var prevDepth = -1;
        var start = 0;
        while (start <= text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl;
            var line = text.AsSpan(start, end - start);
            var depth = 0;
            while (depth < line.Length && line[depth] == '>')
            {
                depth++;
            }

            var content = line[depth..];
            if (content.Length > 0 && content[0] == ' ')
            {
                content = content[1..];
            }

            var flowed = content.Length > 0 && content[^1] == ' ' && !content.SequenceEqual("-- ");
            if (!(prevFlowed && depth == prevDepth))
            {
                if (prevDepth >= 0)
                {
                    sb.Append('\n');
                }

                if (depth > 0)
                {
                    sb.Append('>', depth);
                    if (content.Length > 0)
                    {
                        sb.Append(' ');
                    }
                }
            }

            sb.Append(flowed && delSp ? content[..^1] : content);
            prevFlowed = flowed;
            prevDepth = depth;
            if (nl < 0)
            {
                break;
            }

            start = nl + 1;
        }

        return sb.ToString();
    }
}
