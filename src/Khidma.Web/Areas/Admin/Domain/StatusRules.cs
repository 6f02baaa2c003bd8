using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Platform.Errors;

namespace Khidma.Web.Areas.Admin.Domain;

// The statuses as a set: exactly one default, of category New and active, because a new interaction
// takes the default and the rules and reports read its category.
public static class StatusRules
{
    /// <summary>Checks the set after <paramref name="changed"/> was edited (or added) and moves the default flag to it if asked.</summary>
    public static void Apply(IReadOnlyCollection<InteractionStatus> all, InteractionStatus changed, StatusCategory? previousCategory, bool inUse)
    {
        if (inUse && previousCategory is { } before && before != changed.Category)
            throw new DomainException("This status is in use, so its category cannot change. Add a new status instead.");
        if (changed.IsDefault)
        {
            if (changed.Category != StatusCategory.New)
                throw new DomainException("The default status must be of category New.");
            if (!changed.IsActive)
                throw new DomainException("The default status must be active.");
            foreach (var other in all)
                if (!ReferenceEquals(other, changed)) other.IsDefault = false;
        }
        if (all.Count(s => s.IsDefault) != 1)
            throw new DomainException("Exactly one status must be the default. Make another status the default first.");
    }

    public static void EnsureCanDelete(InteractionStatus status, bool inUse)
    {
        if (status.IsDefault)
            throw new DomainException("The default status cannot be deleted. Make another status the default first.");
        if (inUse)
            throw new DomainException("This status is in use and cannot be deleted. Deactivate it instead.");
    }
}
