namespace Khidma.Web.Platform.Errors;

// A broken business rule. The message is a resource key (English text) shown to the user in their language.
public sealed class DomainException(string resourceKey, params object[] args) : Exception(resourceKey)
{
    public string ResourceKey { get; } = resourceKey;
    public object[] Args { get; } = args;
}

public sealed class NotFoundException() : Exception("Not found");
