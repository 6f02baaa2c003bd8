using System.Globalization;

namespace Khidma.Web.Platform.Localization;

// Company-written text (goals, services, stages, statuses) in the three UI languages; Arabic is the fallback.
public sealed class LocalizedText
{
    public string Ar { get; set; } = "";
    public string? En { get; set; }
    public string? Fr { get; set; }

    public LocalizedText() { }

    public LocalizedText(string ar, string? en = null, string? fr = null)
    {
        Ar = ar;
        En = en;
        Fr = fr;
    }

    public string In(string language) => Pick(language) is { Length: > 0 } text ? text : Ar;

    public string InCurrentCulture() => In(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    private string? Pick(string language) => language switch
    {
        "en" => En,
        "fr" => Fr,
        _ => Ar,
    };

    public override string ToString() => InCurrentCulture();
}
