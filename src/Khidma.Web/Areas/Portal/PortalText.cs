namespace Khidma.Web.Areas.Portal;

public sealed class PortalText;
