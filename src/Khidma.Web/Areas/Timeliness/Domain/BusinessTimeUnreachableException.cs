namespace Khidma.Web.Areas.Timeliness.Domain;

// Thrown when business time cannot be reached: the calendar has no working periods, stays closed for
// BusinessCalendar.MaxConsecutiveClosedDays local days in a row (e.g. everything is a holiday), or the result
// would fall beyond year 9999.
public sealed class BusinessTimeUnreachableException : InvalidOperationException
{
    public BusinessTimeUnreachableException()
        : base("The business calendar never opens within the search horizon.")
    {
    }

    public BusinessTimeUnreachableException(string message)
        : base(message)
    {
    }

    public BusinessTimeUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
