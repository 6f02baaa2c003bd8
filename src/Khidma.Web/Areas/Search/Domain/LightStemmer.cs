namespace Khidma.Web.Areas.Search.Domain;

public static class LightStemmer
{
    // Longest first so "وال" wins over "ال". The minimum is how many letters must remain after the
    // prefix: three for the three-letter articles keeps "والد" and "والده" whole, two for "ال"/"لل"
    // matches Larkey's light10.
    private static readonly (string Prefix, int MinRemaining)[] ArticlePrefixes =
    [
        ("وال", 3),
        ("بال", 3),
        ("كال", 3),
        ("فال", 3),
        ("لل", 2),
        ("ال", 2),
    ];

    // Two-letter suffixes first so "يه" is removed whole instead of leaving a dangling "ي"; "ة" and
    // "ية" only matter for callers that pass unnormalized tokens.
    private static readonly string[] Suffixes =
    [
        "ها",
        "ان",
        "ات",
        "ون",
        "ين",
        "يه",
        "ية",
        "ه",
        "ة",
        "ي",
    ];

    // One suffix may leave two letters ("يده" -> "يد"); stacking further suffixes needs three so
    // "مدينه" stops at "مدين" instead of collapsing to "مد".
    private const int MinStemAfterFirstSuffix = 2;
    private const int MinStemAfterFurtherSuffixes = 3;
    private const int MinRemainingAfterClitic = 3;

    public static string Stem(string? normalizedToken)
    {
        if (string.IsNullOrEmpty(normalizedToken))
        {
            return string.Empty;
        }

        if (IsArabicWord(normalizedToken))
        {
            return StemArabic(normalizedToken, out _);
        }

        return PorterStemmer.Stem(normalizedToken);
    }

    // A leading و/ف/ب/ل may be a clitic ("وخدمة") or part of the word ("بطاقة", "ولد"); nothing in the
    // spelling tells them apart, so Stem keeps the letter and the index side also stores this variant.
    // At least three letters must follow, so "ولد", "بيت" and "فيل" get no two-letter variant.
    public static string? StemWithoutClitic(string? normalizedToken)
    {
        if (string.IsNullOrEmpty(normalizedToken)
            || normalizedToken.Length - 1 < MinRemainingAfterClitic
            || normalizedToken[0] is not ('\u0648' or '\u0641' or '\u0628' or '\u0644')
            || !IsArabicWord(normalizedToken))
        {
            return null;
        }

        // When the article rules already looked at this token (stripped it, or found "وال"/"بال" with
        // too little after it, as in "والد" and "بالغ"), a second guess only adds noise.
        var primary = StemArabic(normalizedToken, out var strippedPrefix);
        if (strippedPrefix || normalizedToken.AsSpan(1).StartsWith("ال", StringComparison.Ordinal))
        {
            return null;
        }

        var alternative = StemArabic(normalizedToken[1..], out _);
        return string.Equals(alternative, primary, StringComparison.Ordinal) ? null : alternative;
    }

    internal static bool IsArabicWord(string token)
    {
        foreach (var c in token)
        {
            if (!IsArabicLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsArabicLetter(char c) => c is (>= '\u0620' and <= '\u064A')
        or (>= '\u066E' and <= '\u066F')
        or (>= '\u0671' and <= '\u06D3')
        or '\u06D5'
        or (>= '\u06EE' and <= '\u06EF')
        or (>= '\u06FA' and <= '\u06FC')
        or '\u06FF'
        or (>= '\u0750' and <= '\u077F');

    private static string StemArabic(string word, out bool strippedPrefix)
    {
        var span = word.AsSpan();
        var start = 0;
        strippedPrefix = false;

        foreach (var (prefix, minRemaining) in ArticlePrefixes)
        {
            if (span.Length - prefix.Length >= minRemaining && span.StartsWith(prefix, StringComparison.Ordinal))
            {
                start = prefix.Length;
                strippedPrefix = true;
                break;
            }
        }

        // A broken plural is rewritten into its singular pattern in this buffer (it only ever shrinks).
        var length = span.Length - start;
        Span<char> buffer = length <= 128 ? stackalloc char[length] : new char[length];
        span[start..].CopyTo(buffer);
        Span<char> stem = buffer;
        var removed = 0;
        var singularized = false;
        var changed = true;
        while (changed)
        {
            changed = false;
            if (!singularized && TrySingularize(ref stem))
            {
                // The singular is a new word: its own suffixes ("قانون" -> "قان") count from the start again.
                singularized = true;
                removed = 0;
                changed = true;
                continue;
            }

            var minStem = removed == 0 ? MinStemAfterFirstSuffix : MinStemAfterFurtherSuffixes;
            foreach (var suffix in Suffixes)
            {
                if (stem.Length - suffix.Length >= minStem && stem.EndsWith(suffix, StringComparison.Ordinal))
                {
                    stem = stem[..^suffix.Length];
                    removed++;
                    changed = true;
                    break;
                }
            }
        }

        return !singularized && stem.Length == word.Length ? word : new string(stem);
    }

    // The two most frequent broken-plural patterns of service vocabulary, folded onto their singular:
    //   فواعيل -> فاعول : فواتير -> فاتور (فاتورة), صواريخ -> صاروخ, قوانين -> قانون
    //   فواعل  -> فاعل  : هواتف -> هاتف, رواتب -> راتب, قواعد -> قاعد (قاعدة), شوارع -> شارع
    // Light stemming cannot reach these (no affix to strip). Words that start with ي or ت are left alone:
    // there the shape is usually a verb (يواجه, تواصل), not a plural. Neither plural pattern ends in
    // ا/و/ي or in ه/ت (taa marbuta, also before a pronoun): this keeps حوالة (transfer) and حوالتي apart
    // from حالة (state), at the price of فواكه and نواحي.
    private static bool TrySingularize(ref Span<char> stem)
    {
        if (stem.Length is not (5 or 6) || stem[1] != '\u0648' || stem[2] != '\u0627'
            || stem[0] is '\u064A' or '\u062A' or '\u0627' or '\u0648'
            || stem[3] is '\u0627' or '\u0648')
        {
            return false;
        }

        if (stem.Length == 6)
        {
            if (stem[4] != '\u064A' || IsWeakOrFeminineEnding(stem[5]))
            {
                return false;
            }

            // C1 و ا C2 ي C3 -> C1 ا C2 و C3
            var (c2, c3) = (stem[3], stem[5]);
            stem[1] = '\u0627';
            stem[2] = c2;
            stem[3] = '\u0648';
            stem[4] = c3;
            stem = stem[..5];
            return true;
        }

        if (IsWeakOrFeminineEnding(stem[4]))
        {
            return false;
        }

        // C1 و ا C2 C3 -> C1 ا C2 C3
        stem[1] = '\u0627';
        stem[2] = stem[3];
        stem[3] = stem[4];
        stem = stem[..4];
        return true;
    }

    private static bool IsWeakOrFeminineEnding(char c) => c is '\u0627' or '\u0648' or '\u064A' or '\u0647' or '\u062A';
}
