using System.Globalization;
using Khidma.Web.Areas.Interactions.Domain;
using Microsoft.AspNetCore.Http.Extensions;

namespace Khidma.Web.Areas.Interactions.Pages.Inbox;

// The inbox's filters as they travel in the query string (GET form, htmx, paging links, CSV export).
public sealed class InboxFilter
{
    public const string AllStatuses = "all";

    public int? Team { get; set; }
    // Empty: not finished; "all"; a category name ("Open"); or a status id ("3").
    public string? Status { get; set; }
    public Channel? Channel { get; set; }
    public int? Service { get; set; }
    public Priority? Priority { get; set; }
    public bool Mine { get; set; }
    public long? Customer { get; set; }
    public string? After { get; set; }

    public InteractionCriteria ToCriteria(string? userId, bool paged = true)
    {
        var criteria = new InteractionCriteria
        {
            TeamId = Team,
            Channel = Channel,
            ServiceId = Service,
            Priority = Priority,
            HandlerId = Mine ? userId ?? "" : null,
            CustomerId = Customer,
            After = paged ? Cursor.Parse(After) : null,
        };
        var status = Status?.Trim();
        if (string.IsNullOrEmpty(status)) return criteria with { Categories = InteractionCriteria.Unfinished };
        if (string.Equals(status, AllStatuses, StringComparison.OrdinalIgnoreCase)) return criteria;
        if (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var statusId)) return criteria with { StatusId = statusId };
        if (Enum.TryParse<StatusCategory>(status, ignoreCase: true, out var category) && Enum.IsDefined(category))
            return criteria with { Categories = [category] };
        return criteria with { Categories = InteractionCriteria.Unfinished };
    }

    // The filters as a query string ("?team=2&mine=true"), with the page position when one is given.
    public QueryString ToQueryString(string? after = null)
    {
        var q = new QueryBuilder();
        if (Team is { } team) q.Add("team", team.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(Status)) q.Add("status", Status.Trim());
        if (Channel is { } channel) q.Add("channel", channel.ToString());
        if (Service is { } service) q.Add("service", service.ToString(CultureInfo.InvariantCulture));
        if (Priority is { } priority) q.Add("priority", priority.ToString());
        if (Mine) q.Add("mine", "true");
        if (Customer is { } customer) q.Add("customer", customer.ToString(CultureInfo.InvariantCulture));
        if (after is not null) q.Add("after", after);
        return q.ToQueryString();
    }

    public string QueryWithHandler(string handler, string? after = null)
    {
        var qs = ToQueryString(after).Value;
        return string.IsNullOrEmpty(qs) ? $"?handler={handler}" : $"?handler={handler}&{qs[1..]}";
    }
}
