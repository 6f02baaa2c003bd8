using Khidma.Web.Areas.Search.Data;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Search;

public static class SearchModule
{
    // The save interceptor is registered with the DbContext (Platform/Data/DatabaseSetup.cs).
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped(sp => new SearchIndex(
            sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<IOptions<KhidmaOptions>>().Value.DefaultCountryCode));
        builder.Services.AddScoped<SearchRebuild>();
        builder.Services.AddScoped<SearchService>();
        builder.Services.AddHostedService<SearchIndexStartup>();
        return builder;
    }
}
