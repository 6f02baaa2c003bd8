using System.Globalization;

namespace Khidma.Web.Areas.Mail.Mime;

// RFC 5322 dates plus the obsolete forms real mail still uses: named zones, 2-digit years, no weekday or seconds.
public static class MailDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300,
        ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420,
        ["BST"] = 60, ["CET"] = 60, ["CEST"] = 120, ["MET"] = 60, ["MEST"] = 120,
        ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["GST"] = 240,
        ["JST"] = 540, ["KST"] = 540, ["HKT"] = 480, ["SGT"] = 480,
        ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780,
    };

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 256)
        {
            return null;
        }

        int day = -1, month = -1, year = -1, hour = -1, minute = 0, second = 0;
        int? zone = null;
        var s = value.AsSpan();
        var i = 0;

        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c) || c == ',')
            {
                i++;
                continue;
            }

            if (c == '(')
            {
                // Comments like "(EEST)" repeat the zone; the numeric offset already said it.
                var depth = 0;
                while (i < s.Length)
                {
                    if (s[i] == '(')
                    {
                        depth++;
                    }
                    else if (s[i] == ')' && --depth == 0)
                    {
                        i++;
                        break;
                    }

                    i++;
                }

                continue;
            }

            var start = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not (',' or '('))
            {
                i++;
            }

            var token = s[start..i];
            if (token[0] is '+' or '-' && token.Length > 1 && char.IsAsciiDigit(token[1]))
            {
                zone ??= ParseNumericZone(token);
            }
            else if (token.Contains(':'))
            {
                if (hour >= 0)
                {
                    continue;
                }

                // "10:20:30+0300" glued together.
                var sign = token.IndexOfAny('+', '-');
                if (sign > 0)
                {
                    zone ??= ParseNumericZone(token[sign..]);
                    token = token[..sign];
                }

                if (!ParseTime(token, out hour, out minute, out second))
                {
                    return Fallback(value);
                }
            }
            else if (char.IsAsciiLetter(token[0]))
            {
                var m = MonthIndex(token);
                if (m >= 0 && month < 0)
                {
                    month = m;
                }
                else if (ZoneMinutes.TryGetValue(token.ToString(), out var minutes))
                {
                    zone ??= minutes;
                }
                else if (hour >= 0 && token.Length == 1)
                {
                    // Military zones were historically inverted; RFC 5322 says read them as -0000.
                    zone ??= 0;
                }
            }
            else if (char.IsAsciiDigit(token[0]))
            {
                if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    if (token.Contains('-') || token.Contains('/'))
                    {
                        return Fallback(value);
                    }

                    continue;
                }

                if (token.Length <= 2 && day < 0)
                {
                    day = number;
                }
                else if (year < 0)
                {
                    year = token.Length switch
                    {
                        2 => number < 50 ? 2000 + number : 1900 + number,
                        3 => 1900 + number,
                        _ => number,
                    };
                }
            }
        }

        if (day < 0 || month < 0 || year < 0)
        {
            return Fallback(value);
        }

        if (hour < 0)
        {
            hour = 0;
        }

        if (year is < 1000 or > 9998 || day < 1 || day > DateTime.DaysInMonth(year, month + 1)
            || hour > 23 || minute > 59 || second > 60)
        {
            return null;
        }

        var offset = TimeSpan.FromMinutes(zone ?? 0);
        return new DateTimeOffset(year, month + 1, day, hour, minute, Math.Min(second, 59), offset);
    }

    private static DateTimeOffset? Fallback(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    private static int MonthIndex(ReadOnlySpan<char> token)
    {
        if (token.Length < 3)
        {
            return -1;
        }

        var prefix = token[..3];
        for (var m = 0; m < Months.Length; m++)
        {
            if (prefix.Equals(Months[m], StringComparison.OrdinalIgnoreCase))
            {
                return m;
            }
        }

        return -1;
    }

    private static bool ParseTime(ReadOnlySpan<char> token, out int hour, out int minute, out int second)
    {
        hour = minute = second = 0;
        var parts = 0;
        Span<int> fields = stackalloc int[3];
        var start = 0;
        for (var i = 0; i <= token.Length; i++)
        {
            if (i < token.Length && token[i] != ':')
            {
                continue;
            }

            if (parts == 3)
            {
                return false;
            }

            var part = token[start..i];
            // Drop fractional seconds.
            var dot = part.IndexOf('.');
            if (dot >= 0)
            {
                part = part[..dot];
            }

            if (part.IsEmpty || part.Length > 2 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out fields[parts]))
            {
                return false;
            }

            parts++;
            start = i + 1;
        }

        if (parts < 2)
        {
            return false;
        }

        hour = fields[0];
        minute = fields[1];
        second = fields[2];
        return true;
    }

    // "+0300", "-05:00", "+3"; offsets beyond what DateTimeOffset allows are treated as unknown (UTC).
    private static int? ParseNumericZone(ReadOnlySpan<char> token)
    {
        var negative = token[0] == '-';
        Span<char> digits = stackalloc char[4];
        var count = 0;
        for (var i = 1; i < token.Length; i++)
        {
            if (char.IsAsciiDigit(token[i]))
            {
                if (count == 4)
                {
                    return 0;
                }

                digits[count++] = token[i];
            }
            else if (token[i] != ':')
            {
                break;
            }
        }

        int hours, minutes;
        switch (count)
        {
            case 1:
            case 2:
                hours = int.Parse(digits[..count], NumberStyles.None, CultureInfo.InvariantCulture);
                minutes = 0;
                break;
            case 3:
            case 4:
                hours = int.Parse(digits[..(count - 2)], NumberStyles.None, CultureInfo.InvariantCulture);
                minutes = int.Parse(digits.Slice(count - 2, 2), NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            default:
                return 0;
        }

        if (minutes > 59 || hours > 14 || (hours == 14 && minutes > 0))
        {
            return 0;
        }

        var total = (hours * 60) + minutes;
        return negative ? -total : total;
    }
}
