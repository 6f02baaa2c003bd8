using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Khidma.Tests.Support;

// Helpers that speak to the app the way a browser does: read the antiforgery token from the page,
// post forms, send htmx requests, parse the HTML that comes back.
public static class Http
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode}, expected {(int)expected}\n{Trim(html)}");
        return Parser.ParseDocument(html);
    }

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static string Token(IDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? System.Text.RegularExpressions.Regex.Match(page.Body?.GetAttribute("hx-headers") ?? "", "\"RequestVerificationToken\": \"([^\"]+)\"").Groups[1].Value;

    /// <summary>GETs <paramref name="pageUrl"/> for its antiforgery token, then posts the fields to <paramref name="postUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null, bool htmx = false)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", Token(page)) };
        var request = new HttpRequestMessage(HttpMethod.Post, postUrl ?? pageUrl) { Content = new FormUrlEncodedContent(form) };
        if (htmx) request.Headers.Add("HX-Request", "true");
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> HtmxGetAsync(this HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        return await client.SendAsync(request);
    }

    public static async Task SignInAsync(this HttpClient client, string email, string password = KhidmaFactory.Password)
    {
        var response = await client.PostFormAsync("/account/sign-in", [new("Input.Email", email), new("Input.Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in failed: {(int)response.StatusCode}\n{Trim(await response.Content.ReadAsStringAsync())}");
    }

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string Trim(string s) => s.Length > 3000 ? s[..3000] + "…" : s;
}
