using Khidma.Web.Areas.Customers;
using Khidma.Web.Areas.Admin;
using Khidma.Web.Areas.Chat;
using Khidma.Web.Areas.Interactions;
using Khidma.Web.Areas.Timeliness;
using Khidma.Web.Areas.Mail;
using Khidma.Web.Areas.Counter;
using Khidma.Web.Areas.Phone;
using Khidma.Web.Areas.Fax;
using Khidma.Web.Areas.Search;
using Khidma.Web.Areas.Portal;
using Khidma.Web.Platform;
using Khidma.Web.Platform.Cli;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Demo;

var builder = WebApplication.CreateBuilder(args);
builder.AddKhidmaPlatform();
builder.AddCustomers();
builder.AddAdmin();
builder.AddInteractions();
builder.AddTimeliness();
builder.AddMail();
builder.AddCounter();
builder.AddPhone();
builder.AddFax();
builder.AddChat();
builder.AddSearch();
builder.AddPortal();
builder.Services.AddScoped<DemoSeeder>();

var app = builder.Build();
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(app, args);

await StartUp.PrepareAsync(app);
app.UseKhidmaPlatform();
app.MapKhidmaApi();
app.MapChat();
app.MapCounter();
await app.RunAsync();
return 0;

public partial class Program;
