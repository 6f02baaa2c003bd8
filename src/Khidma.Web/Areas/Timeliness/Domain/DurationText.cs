using System.Globalization;
using Khidma.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Timeliness.Domain;

// Business durations for people: "3h 20m" / "٣ س ٢٠ د", whole minutes, digits in the reader's style.
public static class DurationText
{
    public static string Format(TimeSpan duration, IStringLocalizer text, Formatter format)
    {
        var minutes = (long)Math.Floor(Math.Abs(duration.TotalMinutes));
        var hours = minutes / 60;
        var rest = minutes % 60;
        string H(long v) => v.ToString(CultureInfo.InvariantCulture);
        var value = hours > 0 && rest > 0 ? text["{0}h {1}m", H(hours), H(rest)]
            : hours > 0 ? text["{0}h", H(hours)]
            : text["{0}m", H(rest)];
        return format.Apply(value);
    }
}
