namespace Khidma.Web.Areas.Phone;

public sealed class PhoneText;
