using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Khidma.Web.Areas.Admin.Domain;
using Khidma.Web.Areas.Charter.Domain;
using Khidma.Web.Areas.Customers.Domain;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Auditing;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Platform.Demo;

// The Arabic demo company (`demo seed [--force]`, and the first start when Khidma:SeedDemo=true): teams,
// employees from the manager to the security guard, services, the charter, ~200 customers and ~2,000
// interactions over the last 90 days. Deterministic for a given "now" (fixed random seed), and idempotent:
// nothing happens while customers exist, unless forced over an earlier demo company.
public sealed partial class DemoSeeder(
    AppDbContext db,
    Bootstrap bootstrap,
    UserManager<AppUser> users,
    TimeProvider clock,
    ICurrentActor actor,
    CharterReader charter,
    IOptions<KhidmaOptions> options,
    ILogger<DemoSeeder> log)
{
    // Shared by every demo employee and printed in the summary: this is a demo, not a real company.
    public const string Password = "Khidma-Demo-2026";
    public const string MarkerKey = "demo.company";
    public const int CustomerCount = 200;
    public const int InteractionCount = 2000;
    public const int Days = 90;
    private const int RandomSeed = 1447;
    private const int Batch = 500;

    // Which rows the demo created, so --force can tell the demo company from real data.
    public sealed record Marker(long FirstCustomer, long LastCustomer, long FirstInteraction, long LastInteraction, DateTime SeededAt);

    private sealed record Staff(AppUser User, DemoData.EmployeeSpec Spec);

    private static readonly string[] MailDomains = ["example.com", "example.net", "example.org"];

    // Arabic kept as text in the stored snapshot, not as \u escapes.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public async Task<string> SeedAsync(bool force, CancellationToken ct = default)
    {
        using var import = BulkImport.Begin("demo seed");
        // One transaction: a forced re-seed that fails half-way leaves the earlier demo company in place.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var customers = await db.Customers.CountAsync(ct);
        if (customers > 0)
        {
            if (!force)
                return $"The database already has {customers} customers, so the demo company was not seeded. "
                    + "Run `demo seed --force` to replace an earlier demo company.";
            var marker = await ReadMarkerAsync(ct);
            var (otherCustomers, otherInteractions) = marker is null
                ? (customers, await db.Interactions.CountAsync(ct))
                : (await db.Customers.CountAsync(c => c.Id < marker.FirstCustomer || c.Id > marker.LastCustomer, ct),
                   await db.Interactions.CountAsync(i => i.Id < marker.FirstInteraction || i.Id > marker.LastInteraction, ct));
            if (otherCustomers + otherInteractions > 0 || marker is null)
                return $"Nothing was changed: the database holds data that is not from the demo company ({otherCustomers} customers, "
                    + $"{otherInteractions} interactions). The demo company is only seeded into an empty database or over an earlier demo company.";
            if (!await RemoveDemoAsync(marker, import, ct))
            {
                await tx.RollbackAsync(CancellationToken.None);
                return "Nothing was changed: other records refer to the demo company's customers or interactions, so it cannot be replaced.";
            }
        }

        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(RandomSeed);
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            await bootstrap.EnsureReferenceDataAsync(ct);
            var teams = await EnsureTeamsAsync(ct);
            var staff = await EnsureEmployeesAsync(teams, ct);
            var services = await EnsureServicesAsync(teams, ct);
            var (general, special, version) = await EnsureCharterAsync(now, ct);

            // Thousands of new rows: nothing to detect, and detecting would walk the whole tracker per Add.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var people = NewCustomers(random, now);
            db.Customers.AddRange(people);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var (first, last, entries) = await AddInteractionsAsync(random, now, people, staff, teams, services, ct);
            // The history's SLA clocks warned and breached in the past, not at the first start after seeding.
            import.Count("timeliness_sla_clocks", "Updated", await SlaMonitor.SettleHistoryAsync(db, first, last, now, ct));
            var marker = new Marker(people.Min(c => c.Id), people.Max(c => c.Id), first, last, now);
            await WriteMarkerAsync(marker, ct);
            db.AuditEntries.Add(import.Summary(actor, now));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            charter.Invalidate();
            LogSeeded(log, people.Count, InteractionCount, watch.ElapsedMilliseconds);
            return Summary(staff, teams.Count, services.Count, general, special, version, people.Count, entries);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
            db.ChangeTracker.Clear();
        }
    }

    private async Task<Marker?> ReadMarkerAsync(CancellationToken ct)
    {
        var json = await db.Settings.AsNoTracking().Where(s => s.Key == MarkerKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<Marker>(json);
    }

    private async Task WriteMarkerAsync(Marker marker, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(marker);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == MarkerKey, ct);
        if (row is null) db.Settings.Add(new Setting { Key = MarkerKey, Value = json });
        else
        {
            row.Value = json;
            db.Entry(row).State = EntityState.Modified;
        }
    }

    // Only the rows the marker names; teams, employees, services and the charter stay and are reused. Bulk
    // deletes bypass the audit interceptor, so their counts go into the import's one audit entry.
    private async Task<bool> RemoveDemoAsync(Marker m, BulkImport import, CancellationToken ct)
    {
        try
        {
            import.Count("interactions_interactions", "Deleted",
                await db.Interactions.Where(i => i.Id >= m.FirstInteraction && i.Id <= m.LastInteraction).ExecuteDeleteAsync(ct));
            import.Count("customers_customers", "Deleted",
                await db.Customers.Where(c => c.Id >= m.FirstCustomer && c.Id <= m.LastCustomer).ExecuteDeleteAsync(ct));
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    private async Task<List<Team>> EnsureTeamsAsync(CancellationToken ct)
    {
        var existing = await db.Teams.ToListAsync(ct);
        var teams = new List<Team>();
        foreach (var spec in DemoData.Teams)
        {
            var team = existing.FirstOrDefault(t => t.Name == spec.Name);
            if (team is null)
            {
                team = new Team { Name = spec.Name, Description = spec.Description };
                db.Teams.Add(team);
            }
            teams.Add(team);
        }
        await db.SaveChangesAsync(ct);
        return teams;
    }

    private async Task<List<Staff>> EnsureEmployeesAsync(List<Team> teams, CancellationToken ct)
    {
        var staff = new List<Staff>();
        // Every demo employee has the same published password, so it is hashed once: hashing is deliberately
        // slow, and eleven hashes would take seconds of the seeding.
        string? hash = null;
        foreach (var spec in DemoData.Employees)
        {
            var user = await users.FindByEmailAsync(spec.Email);
            if (user is null)
            {
                user = new AppUser
                {
                    UserName = spec.Email,
                    Email = spec.Email,
                    EmailConfirmed = true,
                    DisplayName = spec.Name,
                    Culture = spec.Culture,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                };
                user.PasswordHash = hash ??= users.PasswordHasher.HashPassword(user, Password);
                var created = await users.CreateAsync(user);
                if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                await users.AddToRoleAsync(user, spec.Role);
            }
            staff.Add(new Staff(user, spec));
        }
        var members = await db.TeamMembers.AsNoTracking().ToListAsync(ct);
        foreach (var s in staff)
            foreach (var index in s.Spec.Teams)
                if (!members.Any(m => m.TeamId == teams[index].Id && m.UserId == s.User.Id))
                    db.TeamMembers.Add(new TeamMember { TeamId = teams[index].Id, UserId = s.User.Id });
        await db.SaveChangesAsync(ct);
        return staff;
    }

    private async Task<List<Service>> EnsureServicesAsync(List<Team> teams, CancellationToken ct)
    {
        var existing = await db.Services.ToListAsync(ct);
        var services = new List<Service>();
        foreach (var spec in DemoData.Services)
        {
            var service = existing.FirstOrDefault(s => s.Name.Ar == spec.Name.Ar);
            if (service is null)
            {
                service = new Service
                {
                    Name = Copy(spec.Name),
                    Description = Copy(spec.Description),
                    Benefits = Copy(spec.Benefits),
                    Conditions = Copy(spec.Conditions),
                    TypicalMinutes = spec.TypicalMinutes,
                    RequiredSkills = spec.Skills,
                    DefaultTeamId = teams[spec.Team].Id,
                };
                db.Services.Add(service);
            }
            services.Add(service);
        }
        await db.SaveChangesAsync(ct);
        return services;
    }

    private async Task<(int General, int Special, int Version)> EnsureCharterAsync(DateTime now, CancellationToken ct)
    {
        if (await db.CharterGoals.AnyAsync(ct))
            return (await db.CharterGoals.CountAsync(g => g.ParentId == null, ct), await db.CharterGoals.CountAsync(g => g.ParentId != null, ct),
                await db.CharterVersions.MaxAsync(v => (int?)v.Number, ct) ?? 0);
        var goals = new List<CharterGoal>();
        var position = 0;
        foreach (var g in DemoData.Charter)
        {
            var goal = new CharterGoal { Position = position++, Title = Copy(g.Title), Body = Copy(g.Body), UpdatedAt = now };
            db.CharterGoals.Add(goal);
            await db.SaveChangesAsync(ct);
            goals.Add(goal);
            var sub = 0;
            foreach (var s in g.Special)
            {
                var child = new CharterGoal { ParentId = goal.Id, Position = sub++, Title = Copy(s.Title), Body = Copy(s.Body), UpdatedAt = now };
                db.CharterGoals.Add(child);
                goals.Add(child);
            }
        }
        await db.SaveChangesAsync(ct);
        var version = 0;
        if (!await db.CharterVersions.AnyAsync(ct))
        {
            version = 1;
            db.CharterVersions.Add(new CharterVersion
            {
                Number = version,
                PublishedAt = now,
                PublishedBy = "demo",
                Note = "الإصدار الأول من ميثاق الخدمة",
                SnapshotJson = JsonSerializer.Serialize(goals.Select(g => new { g.Id, g.ParentId, g.Position, g.Title, g.Body }), Json),
            });
            await db.SaveChangesAsync(ct);
        }
        return (DemoData.Charter.Length, DemoData.Charter.Sum(g => g.Special.Length), version);
    }

    private List<Customer> NewCustomers(Random random, DateTime now)
    {
        var list = new List<Customer>(CustomerCount);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var saudi = DemoData.Places.Where(p => p.CountryCode == "966").ToArray();
        var gulfAndLevant = DemoData.Places.Where(p => p.CountryCode is "971" or "974" or "965" or "973" or "968" or "962" or "20").ToArray();
        var maghrebAndLebanon = DemoData.Places.Where(p => p.CountryCode is "212" or "216" or "213" or "961").ToArray();
        for (var i = 0; i < CustomerCount; i++)
        {
            var roll = random.NextDouble();
            var language = roll < 0.85 ? "ar" : roll < 0.93 ? "en" : "fr";
            string name, latin;
            DemoData.Place place;
            if (language == "ar")
            {
                var female = random.NextDouble() < 0.45;
                var first = Pick(random, female ? DemoData.FemaleNames : DemoData.MaleNames);
                var family = Pick(random, DemoData.FamilyNames);
                name = $"{first.Ar} {family.Ar}";
                latin = $"{first.Latin}.{family.Latin}";
                place = random.NextDouble() < 0.8 ? Pick(random, saudi) : Pick(random, gulfAndLevant);
            }
            else
            {
                var (first, family) = Pick(random, language == "en" ? DemoData.EnglishNames : DemoData.FrenchNames);
                name = $"{first} {family}";
                latin = $"{first}.{family}".ToLowerInvariant();
                place = language == "fr" ? Pick(random, maghrebAndLebanon) : random.NextDouble() < 0.6 ? Pick(random, saudi) : Pick(random, gulfAndLevant);
            }

            var typeRoll = random.NextDouble();
            var type = typeRoll < 0.70 ? CustomerType.Individual : typeRoll < 0.88 ? CustomerType.Business : typeRoll < 0.93 ? CustomerType.Government : CustomerType.Vip;
            var lifeRoll = random.NextDouble();
            var lifecycle = lifeRoll < 0.20 ? Lifecycle.New : lifeRoll < 0.78 ? Lifecycle.Regular : lifeRoll < 0.90 ? Lifecycle.AtRisk : Lifecycle.Lost;
            var created = lifecycle == Lifecycle.New
                ? now.AddDays(-(5 + random.NextDouble() * 75))
                : now.AddDays(-(100 + random.NextDouble() * 900));
            created = created.AddTicks(-(created.Ticks % TimeSpan.TicksPerSecond));

            var customer = new Customer
            {
                Name = name,
                Language = language,
                Type = type,
                Organization = type switch
                {
                    CustomerType.Business => Pick(random, DemoData.Businesses),
                    CustomerType.Government => Pick(random, DemoData.Governments),
                    _ => null,
                },
                HowToDeal = random.NextDouble() < 0.3 ? Pick(random, DemoData.HowToDeal) : null,
                Motives = random.NextDouble() < 0.35 ? Pick(random, DemoData.Motives) : null,
                Lifecycle = lifecycle,
                LostReason = lifecycle == Lifecycle.Lost ? Pick(random, DemoData.LostReasons) : null,
                CreatedAt = created,
                UpdatedAt = created,
            };
            if (random.NextDouble() < 0.15)
            {
                var consentAt = created.AddDays(random.NextDouble() * 4);
                customer.RecordConsent(consentAt, Pick(random, DemoData.ConsentNotes));
                customer.Region = $"{place.City}، {place.Region}";
                customer.Education = random.NextDouble() < 0.7 ? Pick(random, DemoData.Education) : null;
                customer.WorkExperience = random.NextDouble() < 0.7 ? Pick(random, DemoData.WorkExperience) : null;
                customer.Customs = random.NextDouble() < 0.5 ? Pick(random, DemoData.Customs) : null;
                customer.Interests = random.NextDouble() < 0.7 ? Pick(random, DemoData.Interests) : null;
                customer.UpdatedAt = consentAt;
            }

            if (random.NextDouble() < 0.96)
                customer.Contacts.Add(Phone(random, place, mobile: true, label: "جوال"));
            if (random.NextDouble() < 0.12)
                customer.Contacts.Add(Phone(random, place, mobile: true, label: "جوال العمل"));
            if (random.NextDouble() < 0.7 || customer.Contacts.Count == 0)
            {
                var local = latin;
                for (var n = 2; !emails.Add(local); n++) local = $"{latin}{n}";
                var email = $"{local}@{Pick(random, MailDomains)}";
                customer.Contacts.Add(new CustomerContact { Kind = ContactKind.Email, Value = email, Normalized = email.ToLowerInvariant(), Label = "شخصي" });
            }
            if (type is CustomerType.Business or CustomerType.Government && random.NextDouble() < 0.5)
            {
                var fax = Phone(random, place, mobile: false, label: "فاكس المكتب");
                fax.Kind = ContactKind.Fax;
                customer.Contacts.Add(fax);
            }
            list.Add(customer);
        }
        return list;
    }

    // International digits without "+" are the normalized form; the display value keeps the "+".
    private static CustomerContact Phone(Random random, DemoData.Place place, bool mobile, string label)
    {
        var national = new StringBuilder(mobile ? place.MobilePrefix : "1");
        var length = place.CountryCode switch { "966" or "971" or "962" or "212" or "213" => 9, "20" => 10, _ => 8 };
        while (national.Length < length) national.Append((char)('0' + random.Next(10)));
        var digits = place.CountryCode + national;
        return new CustomerContact { Kind = ContactKind.Phone, Value = "+" + digits, Normalized = digits, Label = label };
    }

    private async Task<(long First, long Last, int Entries)> AddInteractionsAsync(Random random, DateTime now, List<Customer> customers,
        List<Staff> staff, List<Team> teams, List<Service> services, CancellationToken ct)
    {
        var statuses = await db.InteractionStatuses.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Position).ToListAsync(ct);
        InteractionStatus Status(StatusCategory c) =>
            statuses.FirstOrDefault(s => s.Category == c)
            ?? statuses.FirstOrDefault(s => InteractionStatus.IsFinished(s.Category) == InteractionStatus.IsFinished(c))
            ?? statuses[0];
        var stages = await db.StageDefinitions.AsNoTracking().Where(s => s.IsDefault && s.IsActive).OrderBy(s => s.Position).ToListAsync(ct);
        var guard = staff.First(s => s.Spec.Role == Roles.Staff);
        var teamMembers = teams.Select((t, index) => staff
                .Where(s => s.Spec.Role is Roles.Agent or Roles.Supervisor && s.Spec.Teams.Contains(index))
                .OrderBy(s => s.Spec.Role == Roles.Supervisor ? 1 : 0)
                .ToArray())
            .ToArray();
        var zone = Formatter.FindZone(options.Value.TimeZone);

        // A few customers account for much of the traffic; lost ones have gone quiet (R1, R2).
        var weights = customers.Select(c => (c.Lifecycle switch
        {
            Lifecycle.Regular => 3.0,
            Lifecycle.New => 2.0,
            Lifecycle.AtRisk => 1.5,
            _ => 0.7,
        }) * (0.3 + Math.Pow(random.NextDouble(), 3) * 6)).ToArray();
        var cumulative = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++) cumulative[i] = total += weights[i];
        int[] serviceWeights = [12, 14, 24, 14, 14, 22];

        long first = long.MaxValue, last = 0;
        var entries = 0;
        var batch = new List<Interaction>(Batch);
        for (var n = 0; n < InteractionCount; n++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            var customer = customers[index < 0 ? Math.Min(~index, customers.Count - 1) : index];
            var serviceIndex = Weighted(random, serviceWeights);
            var spec = DemoData.Services[serviceIndex];
            var channel = DemoData.ChannelOrder[Weighted(random, spec.ChannelWeights)];

            var from = customer.Lifecycle == Lifecycle.Lost ? now.AddDays(-Days) : Max(customer.CreatedAt.AddHours(1), now.AddDays(-Days));
            var to = customer.Lifecycle == Lifecycle.Lost ? now.AddDays(-45) : now.AddMinutes(-10);
            var created = BusinessHours(random, from, to, zone);
            var age = (now - created).TotalDays;
            var category = StatusFor(random, age);

            var teamIndex = channel switch
            {
                Channel.WalkIn => spec.Team == 3 ? 3 : 0,
                Channel.Phone => spec.Team is 0 or 2 ? 1 : spec.Team,
                _ => spec.Team is 0 or 1 ? 2 : spec.Team,
            };
            if (random.NextDouble() < 0.08) teamIndex = random.Next(teams.Count);
            var handler = category == StatusCategory.New && random.NextDouble() < 0.6 ? null : Pick(random, teamMembers[teamIndex]);
            var loggedByGuard = channel == Channel.WalkIn && random.NextDouble() < 0.05;
            var createdBy = loggedByGuard ? guard.User
                : channel is Channel.WalkIn or Channel.Phone ? (handler ?? Pick(random, teamMembers[teamIndex])).User
                : null;
            var priority = PriorityFor(random, serviceIndex == 3, customer.Type);

            var interaction = new Interaction
            {
                CustomerId = customer.Id,
                Channel = channel,
                Subject = Pick(random, customer.Language switch { "en" => spec.SubjectsEn, "fr" => spec.SubjectsFr, _ => spec.SubjectsAr }),
                ServiceId = services[serviceIndex].Id,
                Priority = priority,
                TeamId = teams[teamIndex].Id,
                HandlerId = handler?.User.Id,
                CreatedById = createdBy?.Id,
                CreatedAt = created,
                UpdatedAt = created,
                LastActivityAt = created,
            };
            interaction.SetStages(stages.Select(s => (s.Key, Copy(s.Name))));

            // How long the work took: counter and phone requests mostly end in the same sitting.
            var minutes = spec.TypicalMinutes * (0.3 + random.NextDouble() * 2.2);
            if (channel is Channel.WalkIn or Channel.Phone && spec.TypicalMinutes <= 30) minutes = Math.Min(minutes, 45);
            var resolvedAt = Min(created.AddMinutes(Math.Max(3, minutes)), now.AddMinutes(-5));
            if (InteractionStatus.IsFinished(category) && resolvedAt <= created) category = StatusCategory.Open;

            var handlerId = handler?.User.Id;
            var t = created;
            var replies = customer.Language switch { "en" => DemoData.RepliesEn, "fr" => DemoData.RepliesFr, _ => null };
            switch (channel)
            {
                case Channel.WalkIn:
                    interaction.AddEntry(TimelineKind.Note, loggedByGuard ? Pick(random, DemoData.GuardNotesAr) : Pick(random, DemoData.WalkInNotesAr),
                        createdBy?.Id, t);
                    break;
                case Channel.Phone:
                    var callMinutes = 2 + random.Next(12);
                    var (summary, outgoing) = customer.Language switch
                    {
                        "en" => (DemoData.CallEn, false),
                        "fr" => (DemoData.CallFr, false),
                        _ => Pick(random, DemoData.CallsAr),
                    };
                    // The interactions module's call record: "in|minutes" or "out|minutes".
                    interaction.AddEntry(TimelineKind.Call, summary, createdBy?.Id, t,
                        string.Create(CultureInfo.InvariantCulture, $"{(outgoing ? "out" : "in")}|{callMinutes}"));
                    break;
                default:
                    interaction.AddEntry(TimelineKind.CustomerMessage,
                        customer.Language switch { "en" => spec.MessageEn, "fr" => spec.MessageFr, _ => Pick(random, spec.MessagesAr) }, null, t);
                    break;
            }

            var done = 0;
            var skipReason = (string?)null;
            switch (category)
            {
                case StatusCategory.Resolved or StatusCategory.Closed:
                    if (random.NextDouble() < 0.3 && handlerId is not null)
                        interaction.AddEntry(TimelineKind.Note, Pick(random, DemoData.NotesAr), handlerId, t = Between(random, t, resolvedAt));
                    interaction.AddEntry(TimelineKind.Reply, replies?[1] ?? Pick(random, spec.RepliesAr), handlerId, resolvedAt);
                    if (channel is Channel.Email or Channel.Chat or Channel.Web && random.NextDouble() < 0.25)
                        interaction.AddEntry(TimelineKind.CustomerMessage, customer.Language switch
                            {
                                "en" => "Thank you for the quick answer.",
                                "fr" => "Merci pour cette réponse rapide.",
                                _ => DemoData.FollowUpsAr[0],
                            },
                            null, Min(resolvedAt.AddMinutes(20 + random.Next(600)), now.AddMinutes(-1)));
                    done = stages.Count;
                    if (random.NextDouble() < 0.12)
                    {
                        done = stages.Count - 1 - random.Next(2);
                        skipReason = Pick(random, DemoData.SkippedStageReasonsAr);
                    }
                    break;
                case StatusCategory.WaitingOnCustomer:
                    interaction.AddEntry(TimelineKind.Reply, replies?[0] ?? Pick(random, DemoData.WaitingRepliesAr), handlerId,
                        Between(random, t, Min(t.AddHours(6), now.AddMinutes(-2))));
                    done = 2;
                    break;
                case StatusCategory.Open:
                    // Open work has had its first answer (calls are answered by the call itself; walk-ins face to face).
                    if (channel is not (Channel.WalkIn or Channel.Phone))
                        interaction.AddEntry(TimelineKind.Reply, replies?[0] ?? Pick(random, DemoData.WaitingRepliesAr), handlerId ?? createdBy?.Id,
                            t = Between(random, t, Min(t.AddHours(3), now.AddMinutes(-3))));
                    if (random.NextDouble() < 0.5)
                        interaction.AddEntry(TimelineKind.Note, Pick(random, DemoData.NotesAr), handlerId ?? createdBy?.Id,
                            Between(random, t, Min(t.AddHours(4), now.AddMinutes(-2))));
                    if (channel is Channel.Email or Channel.Chat && random.NextDouble() < 0.3)
                        interaction.AddEntry(TimelineKind.CustomerMessage, customer.Language switch
                            {
                                "en" => "Is there any news about my request?",
                                "fr" => "Y a-t-il du nouveau concernant ma demande ?",
                                _ => DemoData.FollowUpsAr[1 + random.Next(DemoData.FollowUpsAr.Length - 1)],
                            },
                            null, Between(random, interaction.LastActivityAt, now.AddMinutes(-1)));
                    done = 2 + random.Next(2);
                    break;
                default:
                    done = channel == Channel.WalkIn ? 1 : 0;
                    break;
            }

            var finishedAt = InteractionStatus.IsFinished(category) ? resolvedAt : interaction.LastActivityAt;
            var position = 0;
            foreach (var stage in interaction.Stages.OrderBy(s => s.Position))
            {
                if (position++ >= done) break;
                stage.DoneAt = created + (finishedAt - created) * (position / (double)Math.Max(1, done));
                stage.DoneById = handlerId ?? createdBy?.Id;
            }
            var status = Status(category);
            interaction.StatusId = status.Id;
            interaction.StatusCategory = status.Category;
            if (InteractionStatus.IsFinished(status.Category))
            {
                interaction.ResolvedAt = resolvedAt;
                interaction.SkippedStagesReason = skipReason;
            }
            interaction.LastActivityAt = interaction.UpdatedAt = interaction.Timeline.Max(e => e.CreatedAt);
            entries += interaction.Timeline.Count;
            batch.Add(interaction);

            if (batch.Count == Batch || n == InteractionCount - 1)
            {
                db.Interactions.AddRange(batch);
                await db.SaveChangesAsync(ct);
                first = Math.Min(first, batch.Min(i => i.Id));
                last = Math.Max(last, batch.Max(i => i.Id));
                db.ChangeTracker.Clear();
                batch.Clear();
            }
        }
        return (first, last, entries);
    }

    private static StatusCategory StatusFor(Random random, double ageDays)
    {
        var r = random.NextDouble();
        if (ageDays < 2)
            return r < 0.35 ? StatusCategory.New : r < 0.75 ? StatusCategory.Open : r < 0.9 ? StatusCategory.WaitingOnCustomer : StatusCategory.Resolved;
        if (ageDays < 10)
            return r < 0.05 ? StatusCategory.New : r < 0.30 ? StatusCategory.Open : r < 0.45 ? StatusCategory.WaitingOnCustomer : r < 0.85 ? StatusCategory.Resolved : StatusCategory.Closed;
        return r < 0.03 ? StatusCategory.Open : r < 0.05 ? StatusCategory.WaitingOnCustomer : r < 0.30 ? StatusCategory.Resolved : StatusCategory.Closed;
    }

    private static Priority PriorityFor(Random random, bool complaint, CustomerType type)
    {
        var r = random.NextDouble() - (complaint ? 0.2 : 0) - (type == CustomerType.Vip ? 0.2 : 0);
        return r < 0.05 ? Priority.Urgent : r < 0.25 ? Priority.High : r < 0.85 ? Priority.Normal : Priority.Low;
    }

    // Most contact happens in the company's daytime: an instant in [from, to] moved into 08:00–21:00 local time.
    private static DateTime BusinessHours(Random random, DateTime from, DateTime to, TimeZoneInfo zone)
    {
        if (to <= from) return to;
        var instant = Between(random, from, to);
        var local = TimeZoneInfo.ConvertTimeFromUtc(instant, zone);
        if (local.Hour is < 8 or >= 21)
        {
            var moved = local.Date.AddHours(8 + random.Next(13)).AddMinutes(random.Next(60));
            try
            {
                var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(moved, DateTimeKind.Unspecified), zone);
                if (utc >= from && utc <= to) instant = utc;
            }
            catch (ArgumentException)
            {
                // A local time skipped by a daylight-saving change: keep the unmoved instant.
            }
        }
        return new DateTime(instant.Ticks - instant.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private static DateTime Between(Random random, DateTime from, DateTime to) =>
        to <= from ? from : from + (to - from) * random.NextDouble();

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static int Weighted(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    private static LocalizedText Copy(LocalizedText t) => new(t.Ar, t.En, t.Fr);

    private static string Summary(List<Staff> staff, int teams, int services, int general, int special, int version, int customers, int entries)
    {
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine($"==== Khidma: the demo company \"{DemoData.CompanyEn}\" ({DemoData.CompanyAr}) ====");
        var published = version > 0 ? $" (version {version} published)" : "";
        s.AppendLine(CultureInfo.InvariantCulture, $"  {teams} teams, {staff.Count} employees, {services} services, charter: {general} general and {special} special goals{published}");
        s.AppendLine(CultureInfo.InvariantCulture, $"  {customers} customers, {InteractionCount:N0} interactions over the last {Days} days, {entries:N0} timeline entries");
        s.AppendLine($"  Every demo employee signs in with the password: {Password}");
        foreach (var e in staff)
            s.AppendLine(CultureInfo.InvariantCulture, $"    {e.Spec.Email,-24} {e.Spec.Title,-38} {e.Spec.Name}");
        s.AppendLine("=================================================================");
        return s.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo company seeded: {Customers} customers, {Interactions} interactions in {Milliseconds} ms")]
    private static partial void LogSeeded(ILogger logger, int customers, int interactions, long milliseconds);
}
