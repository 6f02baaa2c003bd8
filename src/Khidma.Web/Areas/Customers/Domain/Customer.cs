using Khidma.Web.Platform.Data;

namespace Khidma.Web.Areas.Customers.Domain;

public enum ContactKind { Phone, Email, Fax }

public enum CustomerType { Individual, Business, Government, Vip }

public enum Lifecycle { New, Regular, AtRisk, Lost }

public sealed class Customer : IVersioned
{
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
