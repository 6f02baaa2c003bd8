using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;

namespace Khidma.Web.Areas.Mail.Mime;

public static class Charsets
{
    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Encoding Windows1252;
    private static readonly Encoding Windows1256;

    // windows-125x and iso-8859-6 live in the code-pages provider, which .NET does not register by default.
    static Charsets()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
        Windows1256 = Encoding.GetEncoding(1256);
    }

    public static Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var key = label.Trim().Trim('"', '\'').Trim();
        if (key.Length == 0 || key.Length > 64)
        {
            return null;
        }

        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var resolved = Lookup(key);
        // Labels come from untrusted mail, so the cache must not grow without bound.
        if (Cache.Count < 512)
        {
            Cache.TryAdd(key, resolved);
        }

        return resolved;
    }

    // Declared UTF-8 decodes lossily; missing, US-ASCII or unknown labels try strict UTF-8 and then a single-byte guess.
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        var encoding = Resolve(charset);
        if (encoding is null || encoding.CodePage == 20127)
        {
            return DecodeUnlabelled(bytes, null);
        }

        if (encoding.CodePage == 65001)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        return encoding.GetString(bytes);
    }

    // For raw 8-bit header text: valid UTF-8 wins, then the part's own single-byte charset, then a guess.
    public static string DecodeUnlabelled(ReadOnlySpan<byte> bytes, Encoding? hint)
    {
        if (System.Text.Ascii.IsValid(bytes) || Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        if (hint is not null && hint.CodePage != 65001 && hint.CodePage != 20127)
        {
            return hint.GetString(bytes);
        }

        return (LooksArabic(bytes) ? Windows1256 : Windows1252).GetString(bytes);
    }

    // Arabic words in a single-byte charset are runs of high bytes; Latin text has isolated accented letters.
    private static bool LooksArabic(ReadOnlySpan<byte> bytes)
    {
        var run = 0;
        foreach (var b in bytes)
        {
            if (b >= 0xC0)
            {
                if (++run >= 3)
                {
                    return true;
                }
            }
            else
            {
                run = 0;
            }
        }

        return false;
    }

    // HTML numeric entities can name lone surrogates, which JSON writers and databases reject.
    public static string ReplaceLoneSurrogates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                bad = i;
                break;
            }
        }

        if (bad < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = bad; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static Encoding? Lookup(string key)
    {
        var name = key.ToLowerInvariant() switch
        {
            "utf8" or "utf-8" or "x-utf-8" or "unicode-1-1-utf-8" => "utf-8",
            "ascii" or "us-ascii" or "ansi_x3.4-1968" or "iso646-us" or "us" => "us-ascii",
            // Browsers (WHATWG) decode latin1 labels as windows-1252; Outlook relies on it for smart quotes.
            "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "latin1" or "latin-1" or "l1" or "cp819" or "8859-1" => "windows-1252",
            "cp1252" or "windows-1252" or "x-cp1252" => "windows-1252",
            "cp1256" or "windows-1256" or "x-cp1256" or "win-1256" => "windows-1256",
            "iso-8859-6" or "iso8859-6" or "iso_8859-6" or "iso-8859-6-i" or "iso-8859-6-e" or "arabic" or "asmo-708" or "csisolatinarabic" or "iso-ir-127" or "ecma-114" => "iso-8859-6",
            "utf-16" or "utf16" => "utf-16",
            "ks_c_5601-1987" or "ks_c_5601" or "ksc5601" => "ks_c_5601-1987",
            "gb2312" or "gbk" or "x-gbk" or "cp936" => "gb2312",
            var other => other,
        };

        if (name == "utf-8")
        {
            return Encoding.UTF8;
        }

        if (name == "us-ascii")
        {
            return Encoding.ASCII;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
