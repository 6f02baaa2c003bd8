using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Khidma.Web.Areas.Search.Domain;
using Xunit;

namespace Khidma.Tests.Search;

public sealed partial class SearchPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    // Weighted towards what real customer text contains, plus every character class a rule touches.
    private static readonly char[] Alphabet = BuildAlphabet();

    private static Arbitrary<string> MixedText() =>
        Gen.Elements(Alphabet).ArrayOf().Select(chars => new string(chars)).ToArbitrary();

    // FsCheck's default strings are ASCII only; this covers the whole BMP including lone surrogates.
    private static Arbitrary<string> AnyString() =>
        Gen.Frequency(
                (3, Gen.Choose(0, 0xFFFF).Select(i => (char)i)),
                (1, Gen.Elements(Alphabet)))
            .ArrayOf()
            .Select(chars => new string(chars))
            .ToArbitrary();

    private static Arbitrary<string> LowercaseWord() =>
        Gen.Elements("abcdefghijklmnopqrstuvwxyz".ToCharArray())
            .ArrayOf()
            .Select(chars => new string(chars))
            .ToArbitrary();

    [Fact]
    public void Normalize_MixedText_IsIdempotentAndStable()
    {
        Prop.ForAll(MixedText(), text =>
        {
            var once = ArabicNormalizer.Normalize(text);
            return ReferenceEquals(once, ArabicNormalizer.Normalize(once));
        }).Check(Config);
    }

    [Fact]
    public void Normalize_ArbitraryUnicode_IsIdempotent()
    {
        Prop.ForAll(AnyString(), text =>
        {
            var once = ArabicNormalizer.Normalize(text);
            return string.Equals(once, ArabicNormalizer.Normalize(once), StringComparison.Ordinal);
        }).Check(Config);
    }

    [Fact]
    public void Normalize_TextWithoutCompatibilityForms_NeverGrows()
    {
        Prop.ForAll(MixedText(), text =>
        {
            var withoutCompat = new string(text.Where(c => c < '\uFB00').ToArray());
            return ArabicNormalizer.Normalize(withoutCompat).Length <= withoutCompat.Length;
        }).Check(Config);
    }

    [Fact]
    public void Normalize_AnyText_NeverThrowsAndOnlyGrowsThroughLigatures()
    {
        Prop.ForAll(AnyString(), text =>
        {
            var compatCount = text.Count(c => c is >= '\uFB00' and <= '\uFFEF');
            return ArabicNormalizer.Normalize(text).Length <= text.Length + (compatCount * 18);
        }).Check(Config);
    }

    [Fact]
    public void Normalize_MixedText_LeavesNoCharacterTheRulesRemove()
    {
        Prop.ForAll(MixedText(), text => !ArabicNormalizer.Normalize(text).Any(IsRemovedCharacter)).Check(Config);
    }

    [Fact]
    public void Tokenize_MixedText_YieldsNormalizedTokensWithoutWhitespaceOrPunctuation()
    {
        Prop.ForAll(MixedText(), text => ArabicNormalizer.Tokenize(text).All(IsCleanToken)).Check(Config);
    }

    [Fact]
    public void Tokenize_ArbitraryUnicode_YieldsTokensWithoutWhitespaceOrPunctuation()
    {
        Prop.ForAll(AnyString(), text => ArabicNormalizer.Tokenize(text).All(IsCleanToken)).Check(Config);
    }

    [Fact]
    public void Stem_TokensOfMixedText_NeverEmptyAndNeverLonger()
    {
        Prop.ForAll(MixedText(), text => ArabicNormalizer.Tokenize(text).All(token =>
        {
            var stem = LightStemmer.Stem(token);
            return stem.Length > 0 && stem.Length <= token.Length;
        })).Check(Config);
    }

    // Broken plurals (a و followed by ا, as in فواتير -> فاتور) are rewritten, so they are not a part of the token.
    [Fact]
    public void Stem_ArabicTokens_AreContiguousPartOfTheTokenWithAtLeastTwoLetters()
    {
        Prop.ForAll(MixedText(), text => ArabicNormalizer.Tokenize(text)
            .Where(token => token.All(c => c is >= '\u0620' and <= '\u064A') && !token.Contains("\u0648\u0627", StringComparison.Ordinal))
            .All(token =>
            {
                var stem = LightStemmer.Stem(token);
                return token.Contains(stem, StringComparison.Ordinal) && stem.Length >= Math.Min(2, token.Length);
            })).Check(Config);
    }

    [Fact]
    public void Stem_BrokenPluralShapes_NeverEmptyAndNeverLonger()
    {
        var letters = "فقهرشصجوايتبنلمع".ToCharArray();
        var words = Gen.Elements(letters).ArrayOf().Select(chars => "ال" + new string(chars).Insert(Math.Min(1, chars.Length), "\u0648\u0627"));
        Prop.ForAll(words.ToArbitrary(), token =>
        {
            var stem = LightStemmer.Stem(token);
            return stem.Length >= 2 && stem.Length <= token.Length;
        }).Check(Config);
    }

    [Fact]
    public void Stem_LowercaseWords_NeverEmptyAndNeverLonger()
    {
        Prop.ForAll(LowercaseWord(), word =>
        {
            var stem = PorterStemmer.Stem(word);
            return word.Length == 0 ? stem.Length == 0 : stem.Length > 0 && stem.Length <= word.Length;
        }).Check(Config);
    }

    [Fact]
    public void ForQuery_AnyText_TermsAreContainedInItsOwnIndex()
    {
        Prop.ForAll(MixedText(), text =>
        {
            var indexed = SearchText.ForIndex(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            return SearchText.ForQuery(text).All(indexed.Contains);
        }).Check(Config);
    }

    [Fact]
    public void ForIndex_NormalizedText_IndexesTheSame()
    {
        Prop.ForAll(MixedText(), text => string.Equals(
            SearchText.ForIndex(text),
            SearchText.ForIndex(ArabicNormalizer.Normalize(text)),
            StringComparison.Ordinal)).Check(Config);
    }

    [Fact]
    public void BuildFts5Match_ArbitraryTerms_AlwaysYieldsQuotedTermsOnly()
    {
        Prop.ForAll(AnyString(), AnyString(), (a, b) =>
        {
            var match = SearchText.BuildFts5Match([a, b, "x"]);
            return Fts5Shape().IsMatch(match);
        }).Check(Config);
    }

    [Fact]
    public void BuildTsQuery_ArbitraryTerms_AlwaysYieldsQuotedTermsJoinedByAnd()
    {
        Prop.ForAll(AnyString(), AnyString(), (a, b) =>
        {
            var query = SearchText.BuildTsQuery([a, b, "x"]);
            return TsQueryShape().IsMatch(query);
        }).Check(Config);
    }

    [Fact]
    public void PhoneNormalize_AnyText_YieldsAsciiDigitsOnly()
    {
        Prop.ForAll(MixedText(), text => PhoneNormalizer.Normalize(text, "966").All(char.IsAsciiDigit)).Check(Config);
    }

    private static bool IsCleanToken(string token) =>
        token.Length > 0
        && !token.Any(c => char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsControl(c) || IsRemovedCharacter(c))
        && ReferenceEquals(token, ArabicNormalizer.Normalize(token));

    private static bool IsRemovedCharacter(char c) => c is '\u0621' or '\u0640' or '\u0629' or '\u0649'
        or '\u0622' or '\u0623' or '\u0625' or '\u0624' or '\u0626' or '\u06A9' or '\u06CC'
        or (>= '\u064B' and <= '\u065F') or '\u0670' or (>= '\u06D6' and <= '\u06ED')
        or (>= '\u0660' and <= '\u0669') or (>= '\u06F0' and <= '\u06F9')
        or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
        or (>= '\u200B' and <= '\u200D') or '\uFEFF'
        or (>= 'A' and <= 'Z')
        or (>= '\uFE70' and <= '\uFEFC');

    private static char[] BuildAlphabet()
    {
        var chars = new List<char>();
        for (var c = '\u0621'; c <= '\u064A'; c++)
        {
            chars.Add(c);
        }

        chars.AddRange("\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u06D6\u06DB\u06ED\u0640\u0671\u0674\u0675\u06C0\u06D3");
        chars.AddRange("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789");
        chars.AddRange("کیابتAaBbZzÉéİıΣσ");
        chars.AddRange("، ؛ ؟ . , ! ? : ; \" ' @ + - ( ) / _ # *\t\n\u00A0  ");
        chars.AddRange("\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u061C\uFEFF\u00AD\uFE0F");
        chars.AddRange("\uFE8D\uFE8E\uFE91\uFEE3\uFEA3\uFEE4\uFEAA\uFEFB\uFEF7\uFEF5\uFE71\uFDF2\uFDFA\uFB01\uFF21\uFF41\uFF11");
        chars.AddRange("e\u0301\uD83D\uDE00");
        chars.AddRange(string.Concat(Enumerable.Repeat(" ", 10)));
        return [.. chars];
    }

    [GeneratedRegex("""^("[^"]+" )*"[^"]+"\*$""", RegexOptions.CultureInvariant)]
    private static partial Regex Fts5Shape();

    [GeneratedRegex("""^('[^'&|!:*()<>\\\s]+' & )*'[^'&|!:*()<>\\\s]+':\*$""", RegexOptions.CultureInvariant)]
    private static partial Regex TsQueryShape();
}
