namespace Khidma.Web.Areas.Fax;

public sealed class FaxText;
