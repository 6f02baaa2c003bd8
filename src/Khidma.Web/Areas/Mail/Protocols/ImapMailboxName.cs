using System.Text;

namespace Khidma.Web.Areas.Mail.Protocols;

// RFC 3501 §5.1.3 "modified UTF-7" mailbox names, so Arabic folder names such as "الأرشيف" work on
// servers that have not enabled UTF8=ACCEPT.
internal static class ImapMailboxName
{
    public static string Encode(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (c is >= ' ' and <= '~')
            {
                result.Append(c == '&' ? "&-" : c.ToString());
                i++;
                continue;
            }

            var start = i;
            while (i < name.Length && name[i] is < ' ' or > '~')
            {
                i++;
            }

            var utf16 = Encoding.BigEndianUnicode.GetBytes(name[start..i]);
            result.Append('&')
                .Append(Convert.ToBase64String(utf16).TrimEnd('=').Replace('/', ','))
                .Append('-');
        }

        return result.ToString();
    }

    public static string Decode(string encoded)
    {
        var result = new StringBuilder(encoded.Length);
        var i = 0;
        while (i < encoded.Length)
        {
            var c = encoded[i];
            if (c != '&')
            {
                result.Append(c);
                i++;
                continue;
            }

            var end = encoded.IndexOf('-', i + 1);
            if (end < 0)
            {
                // Not valid modified UTF-7: show the name as the server sent it.
                return encoded;
            }

            if (end == i + 1)
            {
                result.Append('&');
            }
            else
            {
                var base64 = encoded[(i + 1)..end].Replace(',', '/');
                base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
                try
                {
                    result.Append(Encoding.BigEndianUnicode.GetString(Convert.FromBase64String(base64)));
                }
                catch (FormatException)
                {
                    return encoded;
                }
            }

            i = end + 1;
        }

        return result.ToString();
    }
}
