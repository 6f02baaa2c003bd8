using Khidma.Web.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Platform.Errors;

// The one place exceptions become responses: /api → problem details, htmx → an error fragment,
// pages → the localized error page (re-executed at /error). Nothing internal reaches the client.
public static class ErrorHandling
{
    public static IServiceCollection AddKhidmaErrors(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<KhidmaExceptionHandler>();
        return services;
    }

    public static IApplicationBuilder UseKhidmaErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = Status });
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            if (IsApi(http.Request))
            {
                await Results.Problem(statusCode: http.Response.StatusCode, title: StatusTitle(http.Response.StatusCode, text)).ExecuteAsync(http);
                return;
            }
            if (http.Request.Headers.ContainsKey("HX-Request")) return;
            var original = http.Request.Path;
            var originalQuery = http.Request.QueryString;
            http.Request.Path = "/error";
            http.Request.QueryString = new QueryString($"?status={http.Response.StatusCode}");
            http.SetEndpoint(null);
            http.Request.RouteValues.Clear();
            try { await ctx.Next(http); }
            finally
            {
                http.Request.Path = original;
                http.Request.QueryString = originalQuery;
            }
        });
        return app;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static int Status(Exception error) => error switch
    {
        NotFoundException => 404,
        DomainException => 422,
        DbUpdateConcurrencyException => 409,
        BadHttpRequestException b => b.StatusCode,
        _ => 500,
    };

    public static string Message(Exception? error, IStringLocalizer text) => error switch
    {
        DomainException d => text[d.ResourceKey, d.Args],
        DbUpdateConcurrencyException => StatusTitle(409, text),
        null => StatusTitle(500, text),
        _ => StatusTitle(Status(error), text),
    };

    public static string StatusTitle(int status, IStringLocalizer text) => status switch
    {
        400 => text["The request is not valid."],
        401 => text["Please sign in."],
        403 => text["You do not have permission to do this."],
        404 => text["The page or record you asked for does not exist."],
        409 => text["Someone else changed this at the same time. Reload and try again."],
        422 => text["The request could not be processed."],
        429 => text["Too many requests. Please wait a moment and try again."],
        _ => text["Something went wrong on our side. It has been logged; please try again."],
    };
}

internal sealed partial class KhidmaExceptionHandler(IStringLocalizer<SharedResource> text, ILogger<KhidmaExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception error, CancellationToken ct)
    {
        // The middleware has already moved the request to /error; the feature keeps the path that failed.
        var path = ctx.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? ctx.Request.Path.Value ?? "";
        var status = ErrorHandling.Status(error);
        if (status == 500) LogUnhandled(log, error, path);
        var message = ErrorHandling.Message(error, text);
        if (path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || path.Equals("/api", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = status;
            await Results.Problem(statusCode: status, title: message).ExecuteAsync(ctx);
            return true;
        }
        if (ctx.Request.Headers.ContainsKey("HX-Request"))
        {
            // htmx does not swap error responses; app.js shows this fragment as a toast.
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync($"<div class=\"alert error\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(message)}</div>", ct);
            return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception error, string path);
}

// Razor Pages: a missing record is a 404, wherever it was noticed.
public sealed class NotFoundPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is NotFoundException)
        {
            executed.ExceptionHandled = true;
            executed.Result = new NotFoundResult();
        }
    }
}
