namespace Khidma.Web.Resources;

// Marker for the shared strings (layout, common buttons, validation messages).
public sealed class SharedResource;
