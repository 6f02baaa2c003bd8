using Khidma.Web.Areas.Interactions.Domain;

namespace Khidma.Web.Areas.Interactions;

public static class InteractionsModule
{
    public static WebApplicationBuilder AddInteractions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CreateInteraction>();
        builder.Services.AddSingleton<InteractionWriter>();
        builder.Services.AddScoped<InteractionLookups>();
        return builder;
    }
}
