namespace Khidma.Web.Platform.Demo;

public sealed class DemoSeeder
{
    public Task<string> SeedAsync(bool force) => Task.FromResult(force ? "" : "");
}
