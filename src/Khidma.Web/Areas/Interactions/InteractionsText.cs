namespace Khidma.Web.Areas.Interactions;

// Marker for the module's strings (InteractionsText.resx, .ar.resx, .fr.resx).
public sealed class InteractionsText;
