using System.Security.Cryptography;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Areas.Services.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Platform.Data;

// Reference data every installation needs; idempotent, run after migrations at every start.
public sealed class Bootstrap(AppDbContext db, RoleManager<IdentityRole> roles, UserManager<AppUser> users, TimeProvider clock)
{
    public static readonly (string Key, LocalizedText Name, LocalizedText Hint)[] DefaultStages =
    [
        ("welcome", new("الترحيب", "Welcome", "Accueil"), new("رحّب بالعميل بابتسامة وقدّم نفسك", "Greet the customer and introduce yourself", "Saluez le client et présentez-vous")),
        ("identify-need", new("تحديد الاحتياج", "Identify the need", "Identifier le besoin"), new("اسأل واستمع وأكّد ما يحتاجه العميل", "Ask, listen and confirm what the customer needs", "Questionnez, écoutez et confirmez le besoin")),
        ("serve", new("تقديم الخدمة وفق الإجراءات", "Serve per the procedures", "Servir selon les procédures"), new("قدّم الخدمة كما تنص إجراءات الشركة", "Deliver the service as the company's procedures say", "Rendez le service selon les procédures")),
        ("other-needs", new("التأكد من عدم وجود احتياج آخر", "Make sure nothing else is needed", "Vérifier qu'aucun autre besoin ne reste"), new("اسأل: هل من خدمة أخرى أقدمها لك؟", "Ask: is there anything else I can do for you?", "Demandez : puis-je faire autre chose pour vous ?")),
        ("thank", new("الشكر", "Thank", "Remercier"), new("اشكر العميل على تواصله", "Thank the customer for coming to us", "Remerciez le client")),
        ("farewell", new("التوديع", "Farewell", "Prendre congé"), new("ودّع العميل بلطف", "Say goodbye warmly", "Prenez congé chaleureusement")),
    ];

    public static readonly (LocalizedText Name, StatusCategory Category)[] DefaultStatuses =
    [
        (new("جديد", "New", "Nouveau"), StatusCategory.New),
        (new("مفتوح", "Open", "Ouvert"), StatusCategory.Open),
        (new("بانتظار العميل", "Waiting on customer", "En attente du client"), StatusCategory.WaitingOnCustomer),
        (new("تم الحل", "Resolved", "Résolu"), StatusCategory.Resolved),
        (new("مغلق", "Closed", "Fermé"), StatusCategory.Closed),
    ];

    public async Task EnsureReferenceDataAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));

        if (!await db.StageDefinitions.AnyAsync(ct))
        {
            var position = 0;
            foreach (var (key, name, hint) in DefaultStages)
                db.StageDefinitions.Add(new StageDefinition { Key = key, Name = name, Hint = hint, Position = position++, IsDefault = true });
        }
        if (!await db.InteractionStatuses.AnyAsync(ct))
        {
            var position = 0;
            foreach (var (name, category) in DefaultStatuses)
                db.InteractionStatuses.Add(new InteractionStatus { Name = name, Category = category, Position = position++, IsDefault = category == StatusCategory.New });
        }
        await db.SaveChangesAsync(ct);
    }

    // The first start creates an administrator unless one exists; the password is returned to be printed once.
    public async Task<(string Email, string Password)?> EnsureAdministratorAsync(string email = "admin@khidma.local")
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return null;
        var password = NewPassword();
        await CreateUserAsync(email, "مدير النظام", password, Roles.Admin);
        return (email, password);
    }

    public async Task<AppUser> CreateUserAsync(string email, string displayName, string password, string role, string culture = "ar")
    {
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            Culture = culture,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        // Identity requires a digit; 14 random characters lack one about one time in nine.
        return "Kh-" + RandomNumberGenerator.GetString(alphabet, 13) + RandomNumberGenerator.GetString("23456789", 1);
    }
}
