using System.Globalization;
using Khidma.Web.Areas.Fax.Domain;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Fax.Api;

/// <summary>The inbound fax webhook for a fax gateway (K4).</summary>
public static class FaxApi
{
    /// <summary>Adds <c>/fax/inbound</c> to the <c>/api/v1</c> group.</summary>
    public static RouteGroupBuilder MapFaxApi(this RouteGroupBuilder api)
    {
        api.MapPost("/fax/inbound", InboundAsync)
            .WithTags("Fax")
            .WithName("ReceiveFax")
            .WithSummary("Deliver an inbound fax")
            .WithDescription("multipart/form-data: document (PDF or TIFF, checked by its first bytes), from, to, pages. Finds the customer by fax number or creates one, opens a Fax interaction and links the document. The same document from the same number within a day is recognised as a repeat: 200 with the first delivery.")
            .Produces<FaxItem>(StatusCodes.Status201Created)
            .Produces<FaxItem>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        return api;
    }

    /// <summary>The stored fax.</summary>
    public sealed record FaxItem(long Id, long InteractionId, string Format, long Size, int Pages, string From, string To, DateTime ReceivedAt, string Url);

    private static async Task<IResult> InboundAsync(HttpRequest request, ReceiveFax receive, IOptions<FaxOptions> options,
        IStringLocalizer<FaxText> text, CancellationToken ct)
    {
        var max = options.Value.MaxBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max + 1024 * 1024;
        if (request.ContentLength > max + 1024 * 1024) return TooLarge(text, max);
        if (!request.HasFormContentType) return Invalid(text, "document", "Send the fax as multipart/form-data with a document.");

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + 1024 * 1024 }, ct);
        }
        catch (InvalidDataException)
        {
            return TooLarge(text, max);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(text, max);
        }
        var file = form.Files.GetFile("document");
        if (file is null || file.Length == 0) return Invalid(text, "document", "The document is required.");
        if (file.Length > max) return TooLarge(text, max);

        var pagesText = form["pages"].ToString();
        var pages = 0;
        if (pagesText.Length > 0 && (!int.TryParse(pagesText, NumberStyles.None, CultureInfo.InvariantCulture, out pages) || pages is < 0 or > 10000))
            return Invalid(text, "pages", "The page count must be a whole number.");

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        if (FaxFiles.Detect(bytes) is not { } format) return Invalid(text, "document", "The document must be a PDF or a TIFF file.");

        var result = await receive.RunAsync(bytes, format, form["from"].ToString(), form["to"].ToString(), pages, ct);
        var d = result.Document;
        var item = new FaxItem(d.Id, d.InteractionId, format == FaxFormat.Pdf ? "pdf" : "tiff", d.Size, d.Pages, d.From, d.To, d.ReceivedAt,
            $"/fax/documents/{d.Id}");
        return result.Duplicate ? TypedResults.Ok(item) : TypedResults.Created($"/fax/documents/{d.Id}", item);
    }

    private static IResult Invalid(IStringLocalizer<FaxText> text, string field, string key) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [text[key].Value] }, title: text["The fax is not valid."]);

    private static IResult TooLarge(IStringLocalizer<FaxText> text, long max) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: text["The fax is too large."],
            detail: text["A fax may be at most {0} MB.", max / (1024 * 1024)]);
}
