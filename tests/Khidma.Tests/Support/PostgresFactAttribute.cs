namespace Khidma.Tests.Support;

/// <summary>A fact that runs only when a PostgreSQL server is configured (KHIDMA_TEST_PG).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (KhidmaFactory.PostgresServer is null) Skip = "KHIDMA_TEST_PG not set";
    }
}
