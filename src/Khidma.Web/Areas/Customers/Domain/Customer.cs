using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;

namespace Khidma.Web.Areas.Customers.Domain;

public enum ContactKind { Phone, Email, Fax }

public enum CustomerType { Individual, Business, Government, Vip }

public enum Lifecycle { New, Regular, AtRisk, Lost }

public sealed record Background(string? Education, string? WorkExperience, string? Region, string? Customs, string? Interests);

public sealed class Customer : IVersioned
{
    public const int MaxNameLength = 200;
    public static readonly string[] Languages = ["ar", "en", "fr"];

    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Language { get; set; } = "ar";
    public string? Organization { get; set; }
    public CustomerType Type { get; set; } = CustomerType.Individual;
    public string? HowToDeal { get; set; }
    public string? Motives { get; set; }

    // Background is optional and consent-based (seed 004: some customers dislike questions).
    public DateTime? ConsentAt { get; set; }
    public string? ConsentNote { get; set; }
    public string? Education { get; set; }
    public string? WorkExperience { get; set; }
    public string? Region { get; set; }
    public string? Customs { get; set; }
    public string? Interests { get; set; }

    public Lifecycle Lifecycle { get; set; } = Lifecycle.New;
    public string? LostReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<CustomerContact> Contacts { get; set; } = [];

    public bool HasConsent => ConsentAt is not null;

    public void RecordConsent(DateTime at, string? note)
    {
        ConsentAt = at;
        ConsentNote = note;
    }

    // Withdrawing consent erases the background: it was only kept because the customer agreed.
    public void WithdrawConsent()
    {
        ConsentAt = null;
        ConsentNote = null;
        Education = WorkExperience = Region = Customs = Interests = null;
    }

    // The background is stored only alongside a recorded consent; without it whatever was typed is dropped.
    public void UpdateBackground(bool consent, string? consentNote, Background background, DateTime at)
    {
        if (!consent)
        {
            WithdrawConsent();
            return;
        }
        RecordConsent(ConsentAt ?? at, Clean(consentNote));
        Education = Clean(background.Education);
        WorkExperience = Clean(background.WorkExperience);
        Region = Clean(background.Region);
        Customs = Clean(background.Customs);
        Interests = Clean(background.Interests);
    }

    public Background Background => new(Education, WorkExperience, Region, Customs, Interests);

    // Rows that stay (same kind and normalized value) keep their id, so the audit log shows only real changes.
    public void SetContacts(IEnumerable<CustomerContact> wanted)
    {
        var kept = new List<CustomerContact>();
        foreach (var w in wanted)
        {
            if (kept.Any(k => k.Kind == w.Kind && k.Normalized == w.Normalized)) continue;
            var existing = Contacts.FirstOrDefault(c => c.Kind == w.Kind && c.Normalized == w.Normalized);
            if (existing is null)
            {
                kept.Add(w);
                continue;
            }
            existing.Value = w.Value;
            existing.Label = w.Label;
            kept.Add(existing);
        }
        Contacts.RemoveAll(c => !kept.Contains(c));
        foreach (var k in kept)
            if (!Contacts.Contains(k)) Contacts.Add(k);
    }

    public void SetLifecycle(Lifecycle lifecycle, string? lostReason, DateTime at)
    {
        if (lifecycle == Lifecycle.Lost && string.IsNullOrWhiteSpace(lostReason))
            throw new DomainException("Say why the customer was lost.");
        Lifecycle = lifecycle;
        LostReason = lifecycle == Lifecycle.Lost ? lostReason!.Trim() : null;
        UpdatedAt = at;
    }

    // Erasure on request (P1): what identifies the person goes; the record stays so interactions keep their customer.
    public void Erase(DateTime at)
    {
        Name = ErasedName(Id);
        Organization = HowToDeal = Motives = LostReason = null;
        WithdrawConsent();
        Contacts.Clear();
        UpdatedAt = at;
    }

    public static string ErasedName(long id) => $"Erased customer #{id}";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class CustomerContact
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public ContactKind Kind { get; set; }
    public string Value { get; set; } = "";
    // Phones as digits in international form, emails lower-cased: the key for duplicate checks and lookups.
    public string Normalized { get; set; } = "";
    public string? Label { get; set; }
}
