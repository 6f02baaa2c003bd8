namespace Khidma.Web.Areas.Customers;

// Marker for the module's resources (CustomersText.resx, .ar.resx, .fr.resx): keys are the English text.
public sealed class CustomersText;
