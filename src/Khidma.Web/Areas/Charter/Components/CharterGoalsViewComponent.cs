using System.Globalization;
using Khidma.Web.Areas.Charter.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Khidma.Web.Areas.Charter.Components;

// The goals beside the agent's work (C1).
public sealed class CharterGoalsViewComponent(CharterReader charter) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Areas/Charter/Components/CharterGoals.cshtml", await charter.GoalsAsync(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName));
}
