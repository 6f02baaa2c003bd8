using System.ComponentModel.DataAnnotations;
using Khidma.Web.Areas.Phone.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Khidma.Web.Areas.Phone.Pages.Settings;

// The administrator chooses the wait over which the IVR offers a callback instead of hold (T4).
[Authorize(Policy = "Admins")]
public sealed class SettingsModel(PhoneQueue queue) : PageModel
{
    public sealed class InputModel
    {
        // Empty means "the configured default".
        [Range(PhoneQueue.MinThresholdSeconds, PhoneQueue.MaxThresholdSeconds, ErrorMessage = "The field {0} must be between {1} and {2}.")]
        [Display(Name = "Offer a callback when the wait exceeds (seconds)")]
        public int? CallbackThresholdSeconds { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public int Effective { get; private set; }
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        Effective = await queue.ThresholdSecondsAsync(ct);
        if (await queue.HasThresholdSettingAsync(ct)) Input.CallbackThresholdSeconds = Effective;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Effective = await queue.ThresholdSecondsAsync(ct);
            return Page();
        }
        await queue.SetThresholdAsync(Input.CallbackThresholdSeconds, ct);
        return Redirect("/phone/settings?saved=true");
    }
}
