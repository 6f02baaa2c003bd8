namespace Khidma.Web.Areas.Search.Domain;

public static class PhoneNormalizer
{
    private const int StackLimit = 64;

    public static string Normalize(string? input, string? defaultCountryCode = null)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        Span<char> digits = input.Length <= StackLimit ? stackalloc char[input.Length] : new char[input.Length];
        var count = 0;
        var international = false;

        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            var digit = DigitOf(c);
            if (digit >= 0)
            {
                digits[count++] = (char)('0' + digit);
                continue;
            }

            if (count == 0)
            {
                international |= c is '+' or '\uFF0B';
                continue;
            }

            // "+44 (0)20 ..." writes the national trunk zero next to the country code; it is not dialled.
            if (c == '(' && i + 2 < input.Length && DigitOf(input[i + 1]) == 0 && input[i + 2] == ')')
            {
                i += 2;
                continue;
            }

            // Text after the number ("ext 12", "تحويلة ١٢", "x12") is an extension, not part of it.
            if (char.IsLetter(c))
            {
                break;
            }
        }

        ReadOnlySpan<char> number = digits[..count];
        // No country code starts with 0, so zeros after "+" or "00" are typing noise; dropping them keeps the
        // result a fixed point (a leading 0 would otherwise read as a national number the second time).
        if (international)
        {
            return new string(number.TrimStart('0'));
        }

        if (number.StartsWith("00", StringComparison.Ordinal))
        {
            return new string(number[2..].TrimStart('0'));
        }

        if (number.Length > 1 && number[0] == '0')
        {
            var countryCode = NormalizeCountryCode(defaultCountryCode);
            if (countryCode.Length > 0)
            {
                return string.Concat(countryCode, number[1..]);
            }
        }

        return new string(number);
    }

    private static string NormalizeCountryCode(string? countryCode)
    {
        if (string.IsNullOrWhiteSpace(countryCode))
        {
            return string.Empty;
        }

        Span<char> digits = stackalloc char[Math.Min(countryCode.Length, StackLimit)];
        var count = 0;
        foreach (var c in countryCode)
        {
            var digit = DigitOf(c);
            if (digit >= 0 && count < digits.Length)
            {
                digits[count++] = (char)('0' + digit);
            }
        }

        // "+966", "00966" and "966" all mean the same country; leading zeros are the dialling prefix.
        var code = digits[..count].TrimStart('0');
        return new string(code);
    }

    private static int DigitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '\u0660' and <= '\u0669' => c - '\u0660',
        >= '\u06F0' and <= '\u06F9' => c - '\u06F0',
        >= '\uFF10' and <= '\uFF19' => c - '\uFF10',
        _ => -1,
    };
}
