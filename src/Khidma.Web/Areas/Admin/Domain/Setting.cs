namespace Khidma.Web.Areas.Admin.Domain;

public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
