using Microsoft.AspNetCore.Identity;

namespace Khidma.Web.Areas.People.Domain;

public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Supervisor = "supervisor";
    public const string Agent = "agent";
    public const string Staff = "staff";
    public const string Customer = "customer";

    public static readonly string[] All = [Admin, Manager, Supervisor, Agent, Staff, Customer];
    public static readonly string[] Employees = [Admin, Manager, Supervisor, Agent, Staff];

    // Roles that see every team's work; the rest see their teams' work and what they handle or created.
    public static readonly string[] SeeAllTeams = [Admin, Manager];

    public const string EmployeesCsv = "admin,manager,supervisor,agent,staff";
    public const string ServiceDeskCsv = "admin,manager,supervisor,agent";
    public const string ManagersCsv = "admin,manager";
}

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string Culture { get; set; } = "ar";
    public DigitStyle Digits { get; set; } = DigitStyle.Latin;
    public CalendarStyle Calendar { get; set; } = CalendarStyle.Gregorian;
    public bool IsActive { get; set; } = true;
    public long? CustomerId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum DigitStyle { Latin, ArabicIndic }

public enum CalendarStyle { Gregorian, Hijri }

public sealed class Team
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;
    public List<TeamMember> Members { get; set; } = [];
}

public sealed class TeamMember
{
    public int TeamId { get; set; }
    public string UserId { get; set; } = "";
}

public sealed class ApiToken
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    // Only a SHA-256 of the token is stored; the token itself is shown once when created.
    public string TokenHash { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string Role { get; set; } = Roles.Agent;
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
