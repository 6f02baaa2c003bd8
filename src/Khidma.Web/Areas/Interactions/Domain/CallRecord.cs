using System.Globalization;

namespace Khidma.Web.Areas.Interactions.Domain;

public enum CallDirection { In, Out }

// A call on the timeline is a TimelineKind.Call entry: the summary is its body, and its data is "dir|minutes".
public static class CallRecord
{
    public static string Format(CallDirection direction, int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{(direction == CallDirection.Out ? "out" : "in")}|{Math.Max(0, minutes)}");

    public static (CallDirection Direction, int Minutes) Parse(string? data)
    {
        var parts = (data ?? "").Split('|');
        var direction = parts[0] == "out" ? CallDirection.Out : CallDirection.In;
        var minutes = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        return (direction, minutes);
    }
}
