using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Khidma.Web.Areas.Mail.Mime;
using Xunit;

namespace Khidma.Tests.Mail;

public sealed class MimePropertyTests
{
    private static readonly string[] MimeFragments =
    [
        "\r\n", "\n", "\r\n\r\n", " ", "\t", ":", ";", "=", "\"", "<", ">", "(", ")", ",", "@", "--", "--b", "--b--", "--b\r\n",
        "Content-Type: ", "multipart/mixed; boundary=b", "multipart/alternative; boundary=\"b\"", "multipart/related",
        "message/rfc822", "text/plain; charset=", "text/html", "utf-8", "windows-1256", "iso-8859-6", "x-bogus",
        "Content-Transfer-Encoding: ", "base64", "quoted-printable", "=?utf-8?B?", "=?windows-1256?Q?", "?=", "=D8=B3",
        "2LfZhNio", "filename*0*=utf-8''%D8", "filename*1=", "name=\"", "Content-Disposition: attachment; ",
        "Subject: ", "From: ", "To: ", "undisclosed-recipients:;", "Date: ", "Tue, 5 Mar 2024 10:20:30 +0300",
        "Message-ID: <", "References: ", "<p>", "</p>", "<br>", "<script>", "&amp;", "&#", "\u0000", "\u00ff",
    ];

    private static byte[][]? _corpus;

    private static byte[][] Corpus() => _corpus ??= MailTestSupport.CorpusNames()
        .Select(n => File.ReadAllBytes(Path.Combine(MailTestSupport.CorpusDirectory(), n + ".eml")))
        .ToArray();

    private static bool ParsesCleanly(byte[] bytes)
    {
        var m = MimeParser.Parse(bytes);
        _ = MailJson.Serialize(m);
        foreach (var a in m.Attachments)
        {
            _ = a.Sha256;
        }

        return m.ParseError is null;
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var gen = Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(2000), Prop.ForAll(Arb.From(gen), ParsesCleanly));
    }

    [Fact]
    public void Parse_RandomMimeLikeText_NeverThrows()
    {
        var gen = Gen.ListOf(Gen.Elements(MimeFragments)).Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500).WithEndSize(300), Prop.ForAll(Arb.From(gen), ParsesCleanly));
    }

    [Fact]
    public void Parse_MutatedCorpusMessages_NeverThrow()
    {
        var corpus = Corpus();
        var mutation = Gen.Zip(Gen.Choose(0, 5), Gen.Zip(Gen.Choose(0, 1_000_000), Gen.Choose(0, 255)));
        var gen = Gen.Zip(Gen.Choose(0, corpus.Length - 1), Gen.ListOf(mutation))
            .Select(t => Mutate(corpus[t.Item1], t.Item2));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(Arb.From(gen), ParsesCleanly));
    }

    private static byte[] Mutate(byte[] source, IEnumerable<(int Op, (int Position, int Value) Arg)> mutations)
    {
        var bytes = new List<byte>(source);
        foreach (var (op, (position, value)) in mutations)
        {
            if (bytes.Count == 0)
            {
                bytes.Add((byte)value);
                continue;
            }

            var at = position % bytes.Count;
            switch (op)
            {
                case 0:
                    bytes[at] = (byte)value;
                    break;
                case 1:
                    bytes.Insert(at, (byte)value);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(value + 1, bytes.Count - at));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(value + 1, bytes.Count - at)));
                    break;
                default:
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes(MimeFragments[value % MimeFragments.Length]));
                    break;
            }
        }

        return [.. bytes];
    }

    private static readonly Gen<string> UnicodeText = Gen.ListOf(Gen.OneOf(
            Gen.Choose(0x20, 0x7E),
            Gen.Choose(0x0600, 0x06FF),
            Gen.Choose(0x00A0, 0x024F),
            Gen.Choose(0x4E00, 0x4E80),
            Gen.Choose(0x1F600, 0x1F64F)))
        .Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));

    // Arabic and ASCII letters that windows-1256 can represent.
    private static readonly Gen<string> Windows1256Text = Gen.ListOf(Gen.Elements(
            "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأؤإئةىًٌٍَُِّ،؛؟0123456789abcXYZ ?=_.-".ToCharArray()))
        .Select(chars => new string([.. chars]));

    // Deliberately splits bytes anywhere, including inside a multi-byte character, like some real encoders.
    private static string EncodeWords(string text, string charset, bool useB, int chunk, string separator)
    {
        var bytes = charset == "utf-8" ? Encoding.UTF8.GetBytes(text) : MailTestSupport.Windows1256.GetBytes(text);
        if (bytes.Length == 0)
        {
            return "=?" + charset + "?B??=";
        }

        var words = new List<string>();
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            var slice = bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i));
            string encoded;
            if (useB)
            {
                encoded = Convert.ToBase64String(slice);
            }
            else
            {
                var sb = new StringBuilder();
                foreach (var b in slice)
                {
                    if (char.IsAsciiLetterOrDigit((char)b))
                    {
                        sb.Append((char)b);
                    }
                    else if (b == ' ')
                    {
                        sb.Append('_');
                    }
                    else
                    {
                        sb.Append('=').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                encoded = sb.ToString();
            }

            words.Add("=?" + charset + "?" + (useB ? "B" : "Q") + "?" + encoded + "?=");
        }

        return string.Join(separator, words);
    }

    [Fact]
    public void DecodeEncodedWords_RandomUnicodeUtf8_RoundTrips()
    {
        var gen = Gen.Zip(UnicodeText, Gen.Zip(Gen.Elements(true, false), Gen.Zip(Gen.Choose(1, 45), Gen.Elements(" ", "\t", "  ", ""))));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Arb.From(gen), t =>
        {
            var (text, (useB, (chunk, separator))) = t;
            return MimeHeaders.DecodeEncodedWords(EncodeWords(text, "utf-8", useB, chunk, separator)) == text;
        }));
    }

    [Fact]
    public void DecodeEncodedWords_RandomArabicWindows1256_RoundTrips()
    {
        var gen = Gen.Zip(Windows1256Text, Gen.Zip(Gen.Elements(true, false), Gen.Choose(1, 30)));

        Prop.ForAll(Arb.From(gen), t =>
        {
            var (text, (useB, chunk)) = t;
            return MimeHeaders.DecodeEncodedWords(EncodeWords(text, "windows-1256", useB, chunk, " ")) == text;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_FoldedEncodedSubject_RoundTrips()
    {
        var gen = Gen.Zip(UnicodeText, Gen.Zip(Gen.Elements(true, false), Gen.Choose(1, 40)));

        Prop.ForAll(Arb.From(gen), t =>
        {
            var (text, (useB, chunk)) = t;
            var header = "Subject: " + EncodeWords(text, "utf-8", useB, chunk, "\r\n ") + "\r\n\r\nbody";
            return MailTestSupport.Parse(header).Subject == text.Trim();
        }).QuickCheckThrowOnFailure();
    }
}
