using System.Text.Json;
using Khidma.Tests.Support;
using Khidma.Web.Areas.People.Domain;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Tests.Platform;

// The audit interceptor (X8): every change leaves a row with before and after values; secrets never do.
public abstract class AuditTests(PlatformFactory f)
{
    [Fact]
    public virtual async Task SaveChanges_AddModifyDelete_RecordsBeforeAndAfterValues()
    {
        var name = "فريق التدقيق " + Guid.NewGuid().ToString("N")[..6];
        var id = await f.WithDbAsync(async db =>
        {
            var team = new Team { Name = name, Description = "قبل" };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            team.Description = "بعد";
            await db.SaveChangesAsync();
            db.Teams.Remove(team);
            await db.SaveChangesAsync();
            return team.Id;
        });

        var rows = await f.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == "people_teams" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).ToListAsync());

        Assert.Equal(["Added", "Modified", "Deleted"], rows.Select(r => r.Action));
        Assert.Equal((null, name), Values(rows[0].Changes, "Name"));
        Assert.Equal(("قبل", "بعد"), Values(rows[1].Changes, "Description"));
        Assert.False(Changes(rows[1].Changes).ContainsKey("Name"));
        Assert.Equal(("بعد", null), Values(rows[2].Changes, "Description"));
        Assert.All(rows, r => Assert.Equal("system", r.UserName));
    }

    [Fact]
    public virtual async Task CreateUser_PasswordHash_IsMaskedInAudit()
    {
        var user = await f.CreateUserAsync(Roles.Agent);

        var row = await f.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Entity == "people_users" && a.EntityId == user.Id && a.Action == "Added"));

        Assert.Equal(("***", "***"), Values(row.Changes, "PasswordHash"));
        Assert.DoesNotContain(user.PasswordHash!, row.Changes, StringComparison.Ordinal);
        Assert.Equal(user.Email, Values(row.Changes, "Email").After);
    }

    [Fact]
    public virtual async Task SaveChanges_SignedInUser_RecordsWhoChanged()
    {
        var user = await f.CreateUserAsync(Roles.Agent);
        using var client = f.NewClient();
        await client.SignInAsync(user.Email!);

        await client.PostFormAsync("/account/preferences",
            [new("Input.Culture", "ar"), new("Input.Digits", nameof(DigitStyle.Latin)), new("Input.Calendar", nameof(CalendarStyle.Hijri))]);

        var row = await f.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == "people_users" && a.EntityId == user.Id && a.Action == "Modified")
            .OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(user.Email, row.UserName);
        Assert.Equal(user.Id, row.UserId);
        Assert.Equal(("Gregorian", "Hijri"), Values(row.Changes, "Calendar"));
    }

    private static Dictionary<string, JsonElement> Changes(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static (string? Before, string? After) Values(string json, string property)
    {
        var values = Changes(json)[property].EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.ToString()).ToArray();
        return (values[0], values[1]);
    }
}

public sealed class AuditSqliteTests(PlatformFactory f) : AuditTests(f), IClassFixture<PlatformFactory>;

public sealed class AuditPostgresTests(PostgresPlatformFactory f) : AuditTests(f), IClassFixture<PostgresPlatformFactory>
{
    [PostgresFact]
    public override Task SaveChanges_AddModifyDelete_RecordsBeforeAndAfterValues() => base.SaveChanges_AddModifyDelete_RecordsBeforeAndAfterValues();

    [PostgresFact]
    public override Task CreateUser_PasswordHash_IsMaskedInAudit() => base.CreateUser_PasswordHash_IsMaskedInAudit();

    [PostgresFact]
    public override Task SaveChanges_SignedInUser_RecordsWhoChanged() => base.SaveChanges_SignedInUser_RecordsWhoChanged();
}
