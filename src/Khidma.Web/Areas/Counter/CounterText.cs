namespace Khidma.Web.Areas.Counter;

public sealed class CounterText;
