using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Khidma.Tests.Channels;

// A fax gateway on a free loopback port (real Kestrel, real HTTP): records every POST and answers 200 with
// {"id": "gw-N"}, or 500 with an error for numbers put in FailFor.
public sealed class FakeFaxGateway : IAsyncDisposable
{
    public sealed record Received(string? Authorization, string To, string From, string FileName, string ContentType, byte[] Document);

    private readonly WebApplication app;
    private int counter;

    public ConcurrentQueue<Received> Requests { get; } = new();
    public ConcurrentDictionary<string, bool> FailFor { get; } = new();
    public string Url { get; private set; } = "";

    private FakeFaxGateway(WebApplication app) => this.app = app;

    public static async Task<FakeFaxGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var gateway = new FakeFaxGateway(app);
        app.MapPost("/send", gateway.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.Url = address.TrimEnd('/') + "/send";
        return gateway;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var file = form.Files.GetFile("document");
        using var buffer = new MemoryStream();
        if (file is not null) await file.CopyToAsync(buffer);
        var to = form["to"].ToString();
        Requests.Enqueue(new Received(request.Headers.Authorization.ToString(), to, form["from"].ToString(), file?.FileName ?? "",
            file?.ContentType ?? "", buffer.ToArray()));
        if (FailFor.ContainsKey(to)) return Results.Json(new { error = "line busy" }, statusCode: 500);
        return Results.Json(new { id = $"gw-{Interlocked.Increment(ref counter)}" });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
