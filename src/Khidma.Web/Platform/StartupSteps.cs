namespace Khidma.Web.Platform;

/// <summary>
/// Idempotent reference data a module needs, run after migrations at every start (and by the <c>migrate</c>
/// command). Several nodes may run it at once.
/// </summary>
public interface IStartupStep
{
    Task RunAsync(CancellationToken ct);
}

public static class StartupSteps
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken ct = default)
    {
        foreach (var step in services.GetServices<IStartupStep>())
            await step.RunAsync(ct);
    }
}
