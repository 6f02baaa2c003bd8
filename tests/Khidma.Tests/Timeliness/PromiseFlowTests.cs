using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Khidma.Tests.Timeliness.LocalTime;

namespace Khidma.Tests.Timeliness;

public sealed class PromiseFlowSqliteTests(KhidmaFactory f) : PromiseFlowTests(f), IClassFixture<KhidmaFactory>;

public sealed class PromiseFlowPostgresTests(PostgresKhidmaFactory f) : PromiseFlowTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task PromiseJob_BeforeAndAfterDue_RemindsOnceThenMarksOverdueWithoutBreaking() => base.PromiseJob_BeforeAndAfterDue_RemindsOnceThenMarksOverdueWithoutBreaking();
    [PostgresFact] public override Task Estimates_SeededHistory_GiveKnownMedianAndP80WithFallbacks() => base.Estimates_SeededHistory_GiveKnownMedianAndP80WithFallbacks();
    [PostgresFact] public override Task PromiseApi_DueBeforeP80_Returns201WithWarning() => base.PromiseApi_DueBeforeP80_Returns201WithWarning();
    [PostgresFact] public override Task PromiseApi_BadInput_Returns400Or404() => base.PromiseApi_BadInput_Returns400Or404();
    [PostgresFact] public override Task PromiseForm_DueBeforeP80_AsksToConfirmThenRecords() => base.PromiseForm_DueBeforeP80_AsksToConfirmThenRecords();
    [PostgresFact] public override Task PromiseForm_HtmxKeptAndRenegotiate_ReturnFragment() => base.PromiseForm_HtmxKeptAndRenegotiate_ReturnFragment();
    [PostgresFact] public override Task PromiseLedger_OverdueFirstAndKeptRates_Render() => base.PromiseLedger_OverdueFirstAndKeptRates_Render();
}

public abstract class PromiseFlowTests(KhidmaFactory f)
{
    private static readonly DateTime Sunday8 = InRiyadh(2026, 11, 22, 8, 0);
    private static readonly TimeSpan[] History = Enumerable.Range(1, 10).Select(h => TimeSpan.FromHours(h)).ToArray();

    private async Task<int> ServiceWithHistoryAsync(Channel channel = Channel.Email, Priority priority = Priority.Normal)
    {
        var service = await f.ServiceAsync();
        await f.SeedHistoryAsync(service, channel, priority, History, InRiyadh(2026, 11, 8, 8, 0));
        await f.WithScopeAsync(sp => sp.GetRequiredService<EstimateService>().RefreshAsync());
        return service;
    }

    [Fact]
    public virtual async Task PromiseJob_BeforeAndAfterDue_RemindsOnceThenMarksOverdueWithoutBreaking()
    {
        f.Clock.Set(Sunday8);
        var team = await f.TeamAsync();
        var id = await f.InteractionAsync(teamId: team);
        var customer = await f.WithDbAsync(db => db.Interactions.Where(i => i.Id == id).Select(i => i.CustomerId).FirstAsync());
        var promiseId = await f.WithDbAsync(async db =>
        {
            var p = Promise.Make(id, customer, team, "إرسال عرض السعر", Sunday8.AddHours(2), null, Sunday8);
            db.Set<Promise>().Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });

        await f.RunJobAsync<PromiseMonitor>();
        Assert.Empty(await f.NotificationsAsync(id));

        f.Clock.Set(Sunday8.AddMinutes(70));
        await f.RunJobAsync<PromiseMonitor>();
        await f.RunJobAsync<PromiseMonitor>();
        var reminder = Assert.Single(await f.NotificationsAsync(id));
        Assert.Equal(NotificationKind.PromiseDueSoon, reminder.Kind);
        Assert.Equal(team, reminder.TeamId);
        Assert.Equal(promiseId, reminder.PromiseId);

        f.Clock.Set(Sunday8.AddHours(2).AddMinutes(5));
        await f.RunJobAsync<PromiseMonitor>();
        await f.RunJobAsync<PromiseMonitor>();
        var notes = await f.NotificationsAsync(id);
        Assert.Equal([NotificationKind.PromiseDueSoon, NotificationKind.PromiseOverdue], notes.Select(n => n.Kind));
        var promise = await f.WithDbAsync(db => db.Set<Promise>().AsNoTracking().FirstAsync(p => p.Id == promiseId));
        Assert.Equal(PromiseStatus.Open, promise.Status);
        Assert.Equal(Sunday8.AddHours(2).AddMinutes(5), promise.OverdueAt);
    }

    [Fact]
    public virtual async Task Estimates_SeededHistory_GiveKnownMedianAndP80WithFallbacks()
    {
        f.Clock.Set(Sunday8);
        var service = await ServiceWithHistoryAsync();

        var (exact, byService, global) = await f.WithScopeAsync(async sp =>
        {
            var estimates = sp.GetRequiredService<EstimateService>();
            return (await estimates.ForAsync(service, Channel.Email, Priority.Normal),
                await estimates.ForAsync(service, Channel.Phone, Priority.High),
                await estimates.ForAsync(service + 1000, Channel.Fax, Priority.Low));
        });

        Assert.NotNull(exact);
        Assert.Equal(EstimateLevel.ServiceChannelPriority, exact.Level);
        Assert.Equal(TimeSpan.FromMinutes(330), exact.Median);
        Assert.Equal(TimeSpan.FromMinutes(492), exact.P80);
        Assert.Equal(10, exact.Samples);
        Assert.Equal(EstimateLevel.Service, byService!.Level);
        Assert.Equal(exact.P80, byService.P80);
        Assert.Equal(EstimateLevel.Global, global!.Level);
    }

    [Fact]
    public virtual async Task PromiseApi_DueBeforeP80_Returns201WithWarning()
    {
        f.Clock.Set(Sunday8);
        var service = await ServiceWithHistoryAsync(Channel.Web);
        var team = await f.TeamAsync();
        var id = await f.InteractionAsync(Channel.Web, serviceId: service, teamId: team);
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));

        var rushed = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/promises", new { what = "حل المشكلة اليوم", due = "2026-11-22T10:00:00+03:00" });
        Assert.Equal(HttpStatusCode.Created, rushed.StatusCode);
        var body = JsonDocument.Parse(await rushed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Open", body.GetProperty("status").GetString());
        Assert.Equal("2026-11-22T10:00:00+03:00", body.GetProperty("due").GetString());
        var estimate = body.GetProperty("estimate");
        Assert.Equal("PT5H30M", estimate.GetProperty("median").GetString());
        Assert.Equal(492, estimate.GetProperty("p80Minutes").GetInt32());
        Assert.Equal(10, estimate.GetProperty("samples").GetInt32());
        Assert.Equal("2026-11-23T08:12:00+03:00", estimate.GetProperty("realisticDue").GetString());
        Assert.Contains("80", body.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"/api/v1/interactions/{id}/promises/{body.GetProperty("id").GetInt64()}", rushed.Headers.Location!.ToString(), StringComparison.Ordinal);

        var honest = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/promises", new { what = "حل المشكلة", due = "2026-11-24T12:00" });
        Assert.Equal(HttpStatusCode.Created, honest.StatusCode);
        var honestBody = JsonDocument.Parse(await honest.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Null, honestBody.GetProperty("warning").ValueKind);

        var stored = await f.WithDbAsync(db => db.Set<Promise>().AsNoTracking().Where(p => p.InteractionId == id).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, p => Assert.Equal(team, p.TeamId));
        Assert.Equal(InRiyadh(2026, 11, 24, 12, 0), stored[1].DueAt);
        var list = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/interactions/{id}/promises")).RootElement;
        Assert.Equal(2, list.GetArrayLength());
    }

    [Fact]
    public virtual async Task PromiseApi_BadInput_Returns400Or404()
    {
        f.Clock.Set(Sunday8);
        var id = await f.InteractionAsync();
        var client = f.NewClient().WithBearer(await f.CreateTokenAsync(Roles.Agent));

        var missing = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/promises", new { what = " ", due = "soon" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        var errors = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("اكتب ما الذي وُعد به العميل.", errors.GetProperty("what")[0].GetString());
        Assert.True(errors.TryGetProperty("due", out _));

        var past = await client.PostAsJsonAsync($"/api/v1/interactions/{id}/promises", new { what = "اتصال", due = "2026-11-21T10:00:00+03:00" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal("يجب أن يكون الموعد في المستقبل.", JsonDocument.Parse(await past.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("due")[0].GetString());

        var unknown = await client.PostAsJsonAsync("/api/v1/interactions/987654321/promises", new { what = "اتصال", due = "2026-11-30T10:00:00+03:00" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await f.WithDbAsync(db => db.Set<Promise>().CountAsync(p => p.InteractionId == id)));
    }

    [Fact]
    public virtual async Task PromiseForm_DueBeforeP80_AsksToConfirmThenRecords()
    {
        f.Clock.Set(Sunday8);
        var service = await ServiceWithHistoryAsync(Channel.Chat);
        var id = await f.InteractionAsync(Channel.Chat, serviceId: service);
        var client = await f.SignedInAsync(Roles.Agent);
        var url = $"/timeliness/interactions/{id}/promises";

        var page = await client.GetPageAsync(url);
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        var estimate = page.QuerySelector("#interaction-promises #promise-estimate")!.TextContent;
        Assert.Contains("5 س 30 د", estimate, StringComparison.Ordinal);
        Assert.Contains("8 س 12 د", estimate, StringComparison.Ordinal);
        Assert.Equal("datetime-local", page.QuerySelector("#promise-due")!.GetAttribute("type"));
        // The chat policy gives a first response 5 business minutes: the badge counts them down.
        var badge = page.QuerySelector(".sla-badge.sla-ok")!;
        Assert.Equal("أول رد يتبقى 5 د", badge.TextContent.Trim());

        var fields = new List<KeyValuePair<string, string>> { new("Input.What", "الرد بالحل قبل الظهر"), new("Input.Due", "2026-11-22T11:30"), new("returnUrl", url) };
        var warned = await client.PostFormAsync(url, fields, url + "?handler=Record");
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var warnedPage = Http.Parse(await warned.Content.ReadAsStringAsync());
        Assert.NotNull(warnedPage.QuerySelector("#promise-warning input[name='Input.Confirm']"));
        Assert.Equal("الرد بالحل قبل الظهر", warnedPage.QuerySelector("#promise-what")!.TextContent);
        Assert.Equal("2026-11-22T11:30", warnedPage.QuerySelector("#promise-due")!.GetAttribute("value"));
        Assert.Equal(0, await f.WithDbAsync(db => db.Set<Promise>().CountAsync(p => p.InteractionId == id)));

        fields.Add(new("Input.Confirm", "true"));
        var saved = await client.PostFormAsync(url, fields, url + "?handler=Record");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(url + "#interaction-promises", saved.Headers.Location!.ToString());
        var promise = await f.WithDbAsync(db => db.Set<Promise>().AsNoTracking().SingleAsync(p => p.InteractionId == id));
        Assert.Equal(InRiyadh(2026, 11, 22, 11, 30), promise.DueAt);
        Assert.NotNull(promise.CreatedById);
    }

    [Fact]
    public virtual async Task PromiseForm_HtmxKeptAndRenegotiate_ReturnFragment()
    {
        f.Clock.Set(Sunday8);
        var id = await f.InteractionAsync();
        var client = await f.SignedInAsync(Roles.Agent);
        var url = $"/timeliness/interactions/{id}/promises";
        var record = await client.PostFormAsync(url, [new("Input.What", "إرسال الفاتورة المعدلة"), new("Input.Due", "2026-11-25T10:00")], url + "?handler=Record", htmx: true);
        var fragment = Http.Parse(await record.Content.ReadAsStringAsync());
        Assert.NotNull(fragment.QuerySelector("section#interaction-promises .alert.ok"));
        var first = await f.WithDbAsync(db => db.Set<Promise>().AsNoTracking().SingleAsync(p => p.InteractionId == id));

        var noReason = await client.PostFormAsync(url, [new("Action.PromiseId", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Action.NewDue", "2026-11-26T10:00")], url + "?handler=Renegotiate", htmx: true);
        var noReasonFragment = Http.Parse(await noReason.Content.ReadAsStringAsync());
        Assert.Equal("اذكر سبب إعادة الاتفاق على الوعد.", noReasonFragment.QuerySelector($"#promise-{first.Id} .field-error")!.TextContent);

        var renegotiated = await client.PostFormAsync(url, [new("Action.PromiseId", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Action.NewDue", "2026-11-26T10:00"), new("Action.Reason", "طلب العميل تأجيل الموعد")], url + "?handler=Renegotiate", htmx: true);
        Assert.Equal(HttpStatusCode.OK, renegotiated.StatusCode);
        var promises = await f.WithDbAsync(db => db.Set<Promise>().AsNoTracking().Where(p => p.InteractionId == id).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal([PromiseStatus.Renegotiated, PromiseStatus.Open], promises.Select(p => p.Status));
        Assert.Equal(first.Id, promises[1].RenegotiatedFromId);

        var kept = await client.PostFormAsync(url, [new("Action.PromiseId", promises[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], url + "?handler=Kept", htmx: true);
        var keptFragment = Http.Parse(await kept.Content.ReadAsStringAsync());
        Assert.NotNull(keptFragment.QuerySelector($"#promise-{promises[1].Id}.kept"));
        Assert.Equal(PromiseStatus.Kept, await f.WithDbAsync(db => db.Set<Promise>().Where(p => p.Id == promises[1].Id).Select(p => p.Status).FirstAsync()));
    }

    [Fact]
    public virtual async Task PromiseLedger_OverdueFirstAndKeptRates_Render()
    {
        f.Clock.Set(Sunday8);
        var team = await f.TeamAsync("فريق الوعود");
        var id = await f.InteractionAsync(teamId: team);
        var agent = await f.CreateUserAsync(Roles.Agent, null, "ar", team);
        var customer = await f.WithDbAsync(db => db.Interactions.Where(i => i.Id == id).Select(i => i.CustomerId).FirstAsync());
        await f.WithDbAsync(async db =>
        {
            var soon = Promise.Make(id, customer, team, "وعد قريب", Sunday8.AddMinutes(30), agent.Id, Sunday8);
            var later = Promise.Make(id, customer, team, "وعد لاحق", Sunday8.AddDays(1), agent.Id, Sunday8);
            var kept = Promise.Make(id, customer, team, "وعد وُفّي", Sunday8.AddMinutes(10), agent.Id, Sunday8);
            var broken = Promise.Make(id, customer, team, "وعد لم يُوفَ", Sunday8.AddMinutes(10), agent.Id, Sunday8);
            kept.MarkKept(agent.Id, Sunday8.AddMinutes(5));
            broken.MarkBroken("تعطل النظام", agent.Id, Sunday8.AddMinutes(5));
            var third = Promise.Make(id, customer, team, "وعد ثالث", Sunday8.AddMinutes(10), agent.Id, Sunday8);
            third.MarkKept(agent.Id, Sunday8.AddMinutes(6));
            db.Set<Promise>().AddRange(later, soon, kept, broken, third);
            await db.SaveChangesAsync();
        });
        f.Clock.Set(Sunday8.AddHours(1));

        var client = await f.SignedInAsync(Roles.Supervisor, "ar", team);
        var page = await client.GetPageAsync($"/timeliness/promises?Team={team}");

        var rows = page.QuerySelectorAll("table.promises tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("overdue", rows[0].ClassName ?? "", StringComparison.Ordinal);
        Assert.Contains("وعد قريب", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("وعد لاحق", rows[1].TextContent, StringComparison.Ordinal);
        var teamRate = page.QuerySelectorAll("#rate-team-title + table tbody tr").Single(r => r.TextContent.Contains("فريق الوعود", StringComparison.Ordinal));
        Assert.Contains("67%", teamRate.TextContent, StringComparison.Ordinal);
    }
}
