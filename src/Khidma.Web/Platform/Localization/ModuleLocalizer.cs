using System.Collections.Concurrent;
using Khidma.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Platform.Localization;

// Validation messages and display names are looked up in the module's own resources first
// (Areas/<Module>/<Module>Text.resx), then in the shared ones, so a module keeps its strings to itself.
public static class ModuleLocalizer
{
    private static readonly ConcurrentDictionary<Type, Type?> ModuleTypes = new();

    public static IStringLocalizer For(Type type, IStringLocalizerFactory factory)
    {
        var shared = factory.Create(typeof(SharedResource));
        var module = ModuleTypes.GetOrAdd(type, FindModuleText);
        return module is null ? shared : new Composite(factory.Create(module), shared);
    }

    private static Type? FindModuleText(Type type)
    {
        var ns = type.Namespace ?? "";
        const string prefix = "Khidma.Web.Areas.";
        if (!ns.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var module = ns[prefix.Length..].Split('.')[0];
        return type.Assembly.GetType($"{prefix}{module}.{module}Text");
    }

    private sealed class Composite(IStringLocalizer first, IStringLocalizer second) : IStringLocalizer
    {
        public LocalizedString this[string name] => first[name] is { ResourceNotFound: false } s ? s : second[name];

        public LocalizedString this[string name, params object[] arguments] =>
            first[name, arguments] is { ResourceNotFound: false } s ? s : second[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
            first.GetAllStrings(includeParentCultures).Concat(second.GetAllStrings(includeParentCultures));
    }
}
