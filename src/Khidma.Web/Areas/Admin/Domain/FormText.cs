namespace Khidma.Web.Areas.Admin.Domain;

public static class FormText
{
    // Optional translations are stored as null when left empty, so LocalizedText falls back to Arabic.
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
