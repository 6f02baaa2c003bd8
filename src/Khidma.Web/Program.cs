using Khidma.Web.Areas.Search;
using Khidma.Web.Platform;
using Khidma.Web.Platform.Cli;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Demo;

var builder = WebApplication.CreateBuilder(args);
builder.AddKhidmaPlatform();
builder.AddSearch();
builder.Services.AddScoped<DemoSeeder>();

var app = builder.Build();
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(app, args);

await StartUp.PrepareAsync(app);
app.UseKhidmaPlatform();
app.MapKhidmaApi();
await app.RunAsync();
return 0;

public partial class Program;
