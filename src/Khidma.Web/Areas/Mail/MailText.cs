namespace Khidma.Web.Areas.Mail;

public sealed class MailText;
