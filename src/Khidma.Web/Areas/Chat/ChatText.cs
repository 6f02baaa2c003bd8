namespace Khidma.Web.Areas.Chat;

public sealed class ChatText;
