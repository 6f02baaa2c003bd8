namespace Khidma.Web.Areas.Timeliness;

public sealed class TimelinessText;
