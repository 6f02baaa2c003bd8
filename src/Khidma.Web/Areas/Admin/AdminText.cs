namespace Khidma.Web.Areas.Admin;

// Marker for the Admin module's resources (AdminText.resx, .ar.resx, .fr.resx).
public sealed class AdminText;
