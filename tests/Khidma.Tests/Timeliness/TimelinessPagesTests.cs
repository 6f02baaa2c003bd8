using System.Net;
using System.Text;
using Khidma.Tests.Support;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Microsoft.EntityFrameworkCore;
using static Khidma.Tests.Timeliness.LocalTime;

namespace Khidma.Tests.Timeliness;

public sealed class TimelinessPagesSqliteTests(KhidmaFactory f) : TimelinessPagesTests(f), IClassFixture<KhidmaFactory>;

public sealed class TimelinessPagesPostgresTests(PostgresKhidmaFactory f) : TimelinessPagesTests(f), IClassFixture<PostgresKhidmaFactory>
{
    [PostgresFact] public override Task Dashboard_Arabic_RendersRtlWithSvgChartsAndBreaches() => base.Dashboard_Arabic_RendersRtlWithSvgChartsAndBreaches();
    [PostgresFact] public override Task Dashboard_CsvExport_HasBomAndArabicRows() => base.Dashboard_CsvExport_HasBomAndArabicRows();
    [PostgresFact] public override Task Dashboard_Agent_IsForbidden() => base.Dashboard_Agent_IsForbidden();
    [PostgresFact] public override Task Calendars_Default_IsSundayToThursdayWithSaudiHolidays() => base.Calendars_Default_IsSundayToThursdayWithSaudiHolidays();
    [PostgresFact] public override Task Calendars_OverlappingPeriods_RejectedWithArabicMessageAndValuesKept() => base.Calendars_OverlappingPeriods_RejectedWithArabicMessageAndValuesKept();
    [PostgresFact] public override Task Calendars_NewCalendarWithFridaySaturdayWeekendAndHijriHoliday_IsUsedByPolicy() => base.Calendars_NewCalendarWithFridaySaturdayWeekendAndHijriHoliday_IsUsedByPolicy();
    [PostgresFact] public override Task Calendars_BadHijriDate_ShowsArabicError() => base.Calendars_BadHijriDate_ShowsArabicError();
    [PostgresFact] public override Task Policies_SaveWithoutTargets_ShowsErrorThenCreatesPolicy() => base.Policies_SaveWithoutTargets_ShowsErrorThenCreatesPolicy();
}

public abstract class TimelinessPagesTests(KhidmaFactory f)
{
    private static readonly DateTime Sunday8 = InRiyadh(2026, 11, 22, 8, 0);

    [Fact]
    public virtual async Task Dashboard_Arabic_RendersRtlWithSvgChartsAndBreaches()
    {
        f.Clock.Set(Sunday8);
        var team = await f.TeamAsync("فريق لوحة المتابعة");
        var met = await f.InteractionAsync(teamId: team, subject: "طلب أُجيب في وقته");
        var late = await f.InteractionAsync(Channel.Web, teamId: team, subject: "طلب تأخر الرد عليه");
        f.Clock.Set(Sunday8.AddHours(1));
        await f.AddEntryAsync(met, TimelineKind.Reply);
        f.Clock.Set(InRiyadh(2026, 11, 22, 14, 0));
        await f.RunJobAsync<SlaMonitor>();

        var client = await f.SignedInAsync(Roles.Manager);
        var page = await client.GetPageAsync("/timeliness");

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(2, page.QuerySelectorAll("svg.chart").Length);
        Assert.NotEmpty(page.QuerySelectorAll("svg.chart.bars rect.bar"));
        Assert.Equal("لوحة الالتزام بالوقت", page.QuerySelector("h1")!.TextContent);
        var teamRow = page.QuerySelectorAll("#attainment-team tbody tr").Single(r => r.TextContent.Contains("فريق لوحة المتابعة", StringComparison.Ordinal));
        Assert.Contains("50%", teamRow.TextContent, StringComparison.Ordinal);
        var breach = page.QuerySelectorAll("#open-breaches tbody tr").Single(r => r.TextContent.Contains($"KH-{late}", StringComparison.Ordinal));
        Assert.Contains("أول رد", breach.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("#open-breaches tbody tr"), r => r.TextContent.Contains($"KH-{met}", StringComparison.Ordinal));
    }

    [Fact]
    public virtual async Task Dashboard_CsvExport_HasBomAndArabicRows()
    {
        f.Clock.Set(Sunday8);
        var team = await f.TeamAsync("فريق التصدير");
        await f.InteractionAsync(teamId: team);
        f.Clock.Set(InRiyadh(2026, 11, 22, 15, 0));
        var client = await f.SignedInAsync(Roles.Admin);

        var response = await client.GetAsync("/timeliness?handler=Csv&table=team");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("الفريق,", text, StringComparison.Ordinal);
        Assert.Contains("فريق التصدير,", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/timeliness?handler=Csv&table=nope")).StatusCode);
    }

    [Fact]
    public virtual async Task Dashboard_Agent_IsForbidden()
    {
        var client = await f.SignedInAsync(Roles.Agent);
        var response = await client.GetAsync("/timeliness");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Calendars_Default_IsSundayToThursdayWithSaudiHolidays()
    {
        var calendar = await f.WithDbAsync(db => db.Set<CalendarDefinition>().Include(c => c.Holidays).AsNoTracking().SingleAsync(c => c.IsDefault));
        var week = calendar.Week();

        Assert.Equal("Asia/Riyadh", calendar.TimeZoneId);
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday], week.Keys.Order());
        Assert.All(week.Values, p => Assert.Equal(["08:00-12:00", "13:00-17:00"], p.Select(x => x.ToString())));
        Assert.Equal(4, calendar.Holidays.Count);
        // Eid al-Adha 1448 (10-13 Dhu al-Hijjah, Umm al-Qura) closes the calendar.
        var eid = new HijriDate(1448, 12, 10).ToGregorian();
        Assert.True(calendar.ToBusinessCalendar().IsHoliday(eid));
        Assert.False(calendar.ToBusinessCalendar().IsWorkingDay(eid));

        var client = await f.SignedInAsync(Roles.Manager);
        var page = await client.GetPageAsync("/timeliness/calendars");
        Assert.Equal("08:00-12:00, 13:00-17:00", page.QuerySelector("input[name='Input.Days[1].Periods']")!.GetAttribute("value"));
        Assert.Contains("عيد الفطر", page.QuerySelector("#holidays table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Calendars_OverlappingPeriods_RejectedWithArabicMessageAndValuesKept()
    {
        var client = await f.SignedInAsync(Roles.Manager);
        var page = await client.GetPageAsync("/timeliness/calendars");
        var id = await f.WithDbAsync(db => db.Set<CalendarDefinition>().Where(c => c.IsDefault).Select(c => c.Id).SingleAsync());
        var fields = Form(page);
        fields["Input.Days[1].Periods"] = "08:00-12:00, 11:30-14:00";

        var response = await client.PostFormAsync("/timeliness/calendars", fields, $"/timeliness/calendars?handler=Save&id={id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("rtl", result.DocumentElement.GetAttribute("dir"));
        var error = result.QuerySelector("input[name='Input.Days[1].Periods'] + .field-error")!.TextContent;
        Assert.Equal("فترات يوم الأحد متداخلة: 08:00-12:00 و11:30-14:00.", error);
        Assert.Equal("08:00-12:00, 11:30-14:00", result.QuerySelector("input[name='Input.Days[1].Periods']")!.GetAttribute("value"));
        var stored = await f.WithDbAsync(db => db.Set<CalendarDefinition>().AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(["08:00-12:00", "13:00-17:00"], stored.Week()[DayOfWeek.Sunday].Select(p => p.ToString()));

        fields["Input.Days[1].Periods"] = "8-12";
        var garbled = Http.Parse(await (await client.PostFormAsync("/timeliness/calendars", fields, $"/timeliness/calendars?handler=Save&id={id}")).Content.ReadAsStringAsync());
        Assert.Contains("اكتب الفترات بهذا الشكل", garbled.QuerySelector("input[name='Input.Days[1].Periods'] + .field-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Calendars_NewCalendarWithFridaySaturdayWeekendAndHijriHoliday_IsUsedByPolicy()
    {
        var client = await f.SignedInAsync(Roles.Admin);
        var created = await client.PostFormAsync("/timeliness/calendars", [new("newName", "فرع دبي")], "/timeliness/calendars?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await f.WithDbAsync(db => db.Set<CalendarDefinition>().Where(c => c.Name == "فرع دبي").Select(c => c.Id).SingleAsync());
        var page = await client.GetPageAsync($"/timeliness/calendars?id={id}");
        var fields = Form(page);
        fields["Input.TimeZoneId"] = "Asia/Dubai";
        // Monday to Friday, with Arabic-Indic digits typed in one of the days.
        fields["Input.Days[1].Closed"] = "true";
        fields["Input.Days[6].Periods"] = "٠٨:٠٠-١٢:٠٠";
        fields.Remove("Input.Days[6].Closed");

        var saved = await client.PostFormAsync($"/timeliness/calendars?id={id}", fields, $"/timeliness/calendars?handler=Save&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var holiday = await client.PostFormAsync($"/timeliness/calendars?id={id}",
            [new("Holiday.Kind", "HijriDate"), new("Holiday.Name", "يوم إضافي"), new("Holiday.Year", "1448"), new("Holiday.Month", "6"), new("Holiday.Day", "12")],
            $"/timeliness/calendars?handler=AddHoliday&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, holiday.StatusCode);

        var calendar = await f.WithDbAsync(db => db.Set<CalendarDefinition>().Include(c => c.Holidays).AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal("Asia/Dubai", calendar.TimeZoneId);
        Assert.False(calendar.IsDefault);
        var week = calendar.Week();
        Assert.False(week.ContainsKey(DayOfWeek.Sunday));
        Assert.Equal(["08:00-12:00"], week[DayOfWeek.Friday].Select(p => p.ToString()));
        var business = calendar.ToBusinessCalendar();
        Assert.False(business.IsWorkingDay(new HijriDate(1448, 6, 12).ToGregorian()));

        // A policy on this calendar gives its clocks this calendar's hours: a Sunday start waits for Monday.
        f.Clock.Set(Sunday8);
        await f.PolicyAsync(new SlaPolicy { Name = "دبي", Channel = Channel.Fax, Priority = Priority.Low, CalendarId = id, FirstResponseMinutes = 60 });
        var interaction = await f.InteractionAsync(Channel.Fax, Priority.Low);
        var timer = await f.TimerAsync(interaction, SlaKind.FirstResponse);
        Assert.Equal(id, timer.CalendarId);
        Assert.Equal(Utc(TimeZoneInfo.FindSystemTimeZoneById("Asia/Dubai"), 2026, 11, 23, 9, 0), timer.DueAt);
    }

    [Fact]
    public virtual async Task Calendars_BadHijriDate_ShowsArabicError()
    {
        var client = await f.SignedInAsync(Roles.Manager);
        var id = await f.WithDbAsync(db => db.Set<CalendarDefinition>().Where(c => c.IsDefault).Select(c => c.Id).SingleAsync());
        var count = await f.WithDbAsync(db => db.Set<CalendarHoliday>().CountAsync(h => h.CalendarId == id));

        var response = await client.PostFormAsync("/timeliness/calendars",
            [new("Holiday.Kind", "HijriDate"), new("Holiday.Name", "تاريخ خاطئ"), new("Holiday.Year", "1448"), new("Holiday.Month", "13"), new("Holiday.Day", "1")],
            $"/timeliness/calendars?handler=AddHoliday&id={id}");

        var page = Http.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("هذا التاريخ الهجري غير موجود في تقويم أم القرى.", page.QuerySelector("#holidays .alert.error")!.TextContent);
        Assert.Equal(count, await f.WithDbAsync(db => db.Set<CalendarHoliday>().CountAsync(h => h.CalendarId == id)));
    }

    [Fact]
    public virtual async Task Policies_SaveWithoutTargets_ShowsErrorThenCreatesPolicy()
    {
        var client = await f.SignedInAsync(Roles.Manager);
        var team = await f.TeamAsync("فريق التصعيد");
        var empty = await client.PostFormAsync("/timeliness/policies",
            [new("Input.Name", "بريد الشركات"), new("Input.Channel", "Email"), new("Input.CustomerType", "Business"), new("Input.WarningPercent", "20")],
            "/timeliness/policies?handler=Save");
        var page = Http.Parse(await empty.Content.ReadAsStringAsync());
        Assert.Equal("حدّد هدفًا واحدًا على الأقل.", page.QuerySelector("#Input_FirstResponseMinutes + .field-error")!.TextContent);
        Assert.Equal("بريد الشركات", page.QuerySelector("#Input_Name")!.GetAttribute("value"));

        var saved = await client.PostFormAsync("/timeliness/policies",
            [new("Input.Name", "بريد الشركات"), new("Input.Channel", "Email"), new("Input.CustomerType", "Business"), new("Input.WarningPercent", "20"),
             new("Input.FirstResponseMinutes", "120"), new("Input.ResolutionMinutes", "960"), new("Input.NotifySupervisors", "false"),
             new("Input.RaisePriority", "true"), new("Input.RaisePriority", "false"), new("Input.EscalateToTeamId", team.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new("Input.IsActive", "true"), new("Input.IsActive", "false")],
            "/timeliness/policies?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var policy = await f.WithDbAsync(db => db.Set<SlaPolicy>().AsNoTracking().SingleAsync(p => p.Name == "بريد الشركات"));
        Assert.Equal(Channel.Email, policy.Channel);
        Assert.Null(policy.Priority);
        Assert.Equal(Khidma.Web.Areas.Customers.Domain.CustomerType.Business, policy.CustomerType);
        Assert.False(policy.NotifySupervisors);
        Assert.True(policy.RaisePriority);
        Assert.Equal(team, policy.EscalateToTeamId);

        var duplicate = await client.PostFormAsync("/timeliness/policies",
            [new("Input.Name", "نسخة"), new("Input.Channel", "Email"), new("Input.CustomerType", "Business"), new("Input.FirstResponseMinutes", "60"), new("Input.IsActive", "true")],
            "/timeliness/policies?handler=Save");
        Assert.Contains("توجد سياسة مفعّلة أخرى", Http.Parse(await duplicate.Content.ReadAsStringAsync()).QuerySelector("#Input_Channel + .field-error")!.TextContent, StringComparison.Ordinal);

        f.Clock.Set(Sunday8);
        var business = await f.CustomerAsync(Khidma.Web.Areas.Customers.Domain.CustomerType.Business);
        var id = await f.InteractionAsync(Channel.Email, customerId: business);
        Assert.Equal(120, (await f.TimerAsync(id, SlaKind.FirstResponse)).TargetMinutes);
    }

    // Every named input of the calendar form, as the browser would post it (checkboxes only when checked).
    private static Dictionary<string, string> Form(AngleSharp.Dom.IDocument page)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in page.QuerySelectorAll("#calendar-form input[name], #calendar-form select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (name == "__RequestVerificationToken") continue;
            if (input.GetAttribute("type") == "checkbox")
            {
                if (input.HasAttribute("checked")) fields[name] = input.GetAttribute("value")!;
                continue;
            }
            if (input is AngleSharp.Html.Dom.IHtmlSelectElement select) fields[name] = select.Value ?? "";
            else if (!fields.ContainsKey(name)) fields[name] = input.GetAttribute("value") ?? "";
        }
        return fields;
    }
}
