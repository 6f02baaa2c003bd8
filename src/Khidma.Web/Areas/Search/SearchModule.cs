using Khidma.Web.Areas.Search.Data;
using Khidma.Web.Areas.Search.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Search;

public static class SearchModule
{
    // The save interceptor is registered with the DbContext (Platform/Data/DatabaseSetup.cs); it queues work
    // for the indexer and wakes it through SearchIndexSignal.
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SearchIndexSignal>();
        builder.Services.AddSingleton(sp => SearchFile.For(sp.GetRequiredService<ProviderInfo>()));
        builder.Services.AddScoped(sp => new SearchIndex(
            sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<SearchFile>(),
            sp.GetRequiredService<IOptions<KhidmaOptions>>().Value.DefaultCountryCode));
        builder.Services.AddScoped<SearchRebuild>();
        builder.Services.AddScoped<SearchService>();
        builder.Services.AddHostedService<SearchIndexStartup>();
        builder.Services.AddSingleton<SearchIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        return builder;
    }
}
