using System.Runtime.CompilerServices;
using System.Text;
using Khidma.Web.Areas.Mail.Mime;

namespace Khidma.Tests.Mail;

internal static class MailTestSupport
{
    // Tests build windows-1256 / iso-8859-6 bytes before the parser's own registration may have run.
    private static readonly bool Registered = Register();

    public static Encoding Windows1256 => Registered ? Encoding.GetEncoding(1256) : throw new InvalidOperationException();

    public static Encoding Iso88596 => Registered ? Encoding.GetEncoding("iso-8859-6") : throw new InvalidOperationException();

    public static ParsedMail Parse(string raw) => MimeParser.Parse(Encoding.UTF8.GetBytes(raw));

    // Located from this source file so the same code works in the scratch project and in tests/Khidma.Tests.
    public static string CorpusDirectory([CallerFilePath] string sourceFile = "")
    {
        var fromSource = Path.Combine(Path.GetDirectoryName(sourceFile) ?? ".", "Corpus");
        if (Directory.Exists(fromSource))
        {
            return fromSource;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Khidma.Tests", "Mail", "Corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Mail corpus not found next to " + sourceFile);
    }

    public static IReadOnlyList<string> CorpusNames()
    {
        var names = Directory.GetFiles(CorpusDirectory(), "*.eml")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static bool Register()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }
}
