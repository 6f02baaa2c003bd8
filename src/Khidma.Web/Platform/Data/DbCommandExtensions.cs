using System.Data.Common;

namespace Khidma.Web.Platform.Data;

// For the few places that write plain ADO.NET commands (migrations, audit rows, the search index): one way
// to add a parameter, null as SQL NULL.
public static class DbCommandExtensions
{
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
