using Khidma.Web.Platform.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Khidma.Web.Platform;

// /openapi/v1.json describes the REST API (X6): its title, how to authenticate, and that every operation
// needs a bearer token (the API accepts no cookies).
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string BearerSchemeId = "bearer";

    public static IServiceCollection AddKhidmaOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o => o.AddDocumentTransformer<KhidmaDocumentTransformer>());

    internal sealed class KhidmaDocumentTransformer : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info = new OpenApiInfo
            {
                Title = "Khidma API",
                Version = DocumentName,
                Description = "The REST API of Khidma, the Arabic-first customer service platform: customers, interactions and "
                    + "their timelines, for integrations such as a PBX, a fax gateway or a website. Every request carries an API token "
                    + "as `Authorization: Bearer <token>`; create one with `Khidma.Web token create --name NAME --role ROLE`. "
                    + "Errors are RFC 9457 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[BearerSchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "opaque token (kh_…)",
                Description = $"An API token issued by an administrator; it acts with one role (scheme \"{AuthSetup.ApiTokenScheme}\").",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerSchemeId, document)] = [],
            });
            return Task.CompletedTask;
        }
    }
}
