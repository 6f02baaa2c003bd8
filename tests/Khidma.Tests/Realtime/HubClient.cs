using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Khidma.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Khidma.Tests.Realtime;

// The SignalR .NET client is not in the registry served here: this speaks the hub's JSON protocol over a
// WebSocket of the test server (handshake, invocations, completions), which is all the tests need.
public sealed class HubClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly WebSocket socket;
    private readonly Channel<(string Target, JsonElement[] Args)> incoming = Channel.CreateUnbounded<(string, JsonElement[])>();
    private readonly Dictionary<string, TaskCompletionSource<JsonElement?>> calls = [];
    private readonly List<(string Target, JsonElement[] Args)> seen = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task reading;
    private int nextId;

    private HubClient(WebSocket socket)
    {
        this.socket = socket;
        reading = Task.Run(ReadLoopAsync);
    }

    public Task Closed => reading;

    public static async Task<HubClient> ConnectAsync<T>(WebApplicationFactory<T> factory, string pathAndQuery, string? cookie = null) where T : class
    {
        var client = factory.Server.CreateWebSocketClient();
        if (cookie is not null) client.ConfigureRequest = r => r.Headers.Cookie = cookie;
        var uri = new Uri(new Uri("ws://localhost/"), pathAndQuery);
        var socket = await client.ConnectAsync(uri, CancellationToken.None);
        await SendRawAsync(socket, "{\"protocol\":\"json\",\"version\":1}");
        var handshake = await ReadFrameAsync(socket, CancellationToken.None);
        if (handshake is null || handshake.Contains("\"error\"", StringComparison.Ordinal))
            throw new InvalidOperationException("handshake failed: " + handshake);
        var hub = new HubClient(socket);
        // The handshake is answered before the hub's OnConnectedAsync joins the connection's groups, and messages
        // are handled only after it: the answer to a first invocation (here to a method that does not exist) says
        // the groups are joined, so an event published next cannot miss this client.
        try { await hub.InvokeAsync("__joined"); } catch (InvalidOperationException) { }
        return hub;
    }

    public async Task<JsonElement?> InvokeAsync(string target, params object?[] args)
    {
        var id = Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tcs = new TaskCompletionSource<JsonElement?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (calls) calls[id] = tcs;
        await SendRawAsync(socket, JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments = args }));
        return await tcs.Task.WaitAsync(Patience);
    }

    /// <summary>The first message for <paramref name="target"/> (already received or to come) whose first argument matches.</summary>
    public async Task<JsonElement> WaitForAsync(string target, Func<JsonElement, bool>? match = null)
    {
        bool Fits((string Target, JsonElement[] Args) m) => m.Target == target && (match is null || (m.Args.Length > 0 && match(m.Args[0])));
        lock (seen)
        {
            var found = seen.FirstOrDefault(Fits);
            if (found.Target is not null) { seen.Remove(found); return found.Args.FirstOrDefault(); }
        }
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                // Every message is kept in "seen"; the channel only wakes the waiter up.
                await incoming.Reader.ReadAsync(timeout.Token);
                lock (seen)
                {
                    var found = seen.FirstOrDefault(Fits);
                    if (found.Target is not null) { seen.Remove(found); return found.Args.FirstOrDefault(); }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            string got;
            lock (seen) got = string.Join("; ", seen.Select(s => s.Target + " " + string.Join(",", s.Args.Select(a => a.GetRawText()))));
            throw new Xunit.Sdk.XunitException($"no '{target}' message arrived; received: {got}");
        }
    }

    /// <summary>Messages for <paramref name="target"/> received so far (in order).</summary>
    public IReadOnlyList<JsonElement> Received(string target)
    {
        lock (seen) return seen.Where(m => m.Target == target).Select(m => m.Args.FirstOrDefault()).ToList();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new StringBuilder();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var text = await ReadFrameAsync(socket, stop.Token);
                if (text is null) break;
                buffer.Append(text);
                var all = buffer.ToString();
                var last = all.LastIndexOf(Separator);
                if (last < 0) continue;
                buffer.Clear().Append(all[(last + 1)..]);
                foreach (var frame in all[..last].Split(Separator, StringSplitOptions.RemoveEmptyEntries))
                    Handle(JsonDocument.Parse(frame).RootElement.Clone());
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            incoming.Writer.TryComplete();
            lock (calls)
                foreach (var c in calls.Values) c.TrySetException(new InvalidOperationException("connection closed"));
        }
    }

    private void Handle(JsonElement message)
    {
        switch (message.GetProperty("type").GetInt32())
        {
            case 1:
                var args = message.GetProperty("arguments").EnumerateArray().ToArray();
                var m = (message.GetProperty("target").GetString()!, args);
                lock (seen) seen.Add(m);
                incoming.Writer.TryWrite(m);
                break;
            case 3:
                var id = message.GetProperty("invocationId").GetString()!;
                TaskCompletionSource<JsonElement?>? tcs;
                lock (calls) calls.Remove(id, out tcs);
                if (tcs is null) break;
                if (message.TryGetProperty("error", out var error)) tcs.TrySetException(new InvalidOperationException(error.GetString()));
                else tcs.TrySetResult(message.TryGetProperty("result", out var r) ? r : null);
                break;
            case 7:
                stop.Cancel();
                break;
        }
    }

    private static async Task SendRawAsync(WebSocket socket, string json) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string?> ReadFrameAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[8192];
        using var ms = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            ms.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(ms.ToArray());
        }
    }

    private int disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            await reading.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        stop.Cancel();
        socket.Dispose();
    }

    /// <summary>Signs in without a cookie container and returns the auth cookie, for the hub's WebSocket request.</summary>
    public static async Task<string> SignInCookieAsync<T>(WebApplicationFactory<T> factory, string email) where T : class
    {
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await http.GetAsync("/account/sign-in");
        var antiforgery = Cookies(page);
        var doc = Http.Parse(await page.Content.ReadAsStringAsync());
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent([
                new("Input.Email", email), new("Input.Password", KhidmaFactory.Password), new("__RequestVerificationToken", Http.Token(doc))]),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Cookies(response);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0])
            : []);
}
