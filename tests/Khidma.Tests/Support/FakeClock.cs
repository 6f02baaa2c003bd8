namespace Khidma.Tests.Support;

// A TimeProvider the test moves by hand (Microsoft.Extensions.TimeProvider.Testing is not available here).
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;
    private readonly Lock gate = new();

    public FakeClock() : this(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public void Advance(TimeSpan by)
    {
        lock (gate) now += by;
    }

    public void Set(DateTimeOffset to)
    {
        lock (gate) now = to;
    }
}
