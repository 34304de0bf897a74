using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Badge.Sdk.IntegrationTests.Authority;

/// <summary>
/// A person's browser session with the institution portal, over plain HTTP: its own cookies, no redirects followed (so
/// tests see where the portal sends them), and the antiforgery token of the last page read.
/// </summary>
internal sealed partial class PortalClient : IDisposable
{
    private readonly HttpClient _http;

    public PortalClient(Uri authority)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = authority };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The antiforgery token of the last page read (forms carry it in a hidden field).</summary>
    public string? Token { get; private set; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PortalClient> SignedInAsync(Uri authority, string uscc, string key)
    {
        var client = new PortalClient(authority);
        using var response = await client.SignInAsync(uscc, key);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<HttpResponseMessage> SignInAsync(string uscc, string key)
    {
        await GetAsync("/portal/login");
        return await PostAsync("/portal/login", new() { ["uscc"] = uscc, ["key"] = key });
    }

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path)
    {
        var response = await _http.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        if (TokenPattern().Match(html) is { Success: true } match)
        {
            Token = WebUtility.HtmlDecode(match.Groups[1].Value);
        }

        return (response, html);
    }

    /// <summary>Posts a form with the current antiforgery token (or <paramref name="token"/>; an empty string sends none).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, string? token = null)
    {
        var body = new Dictionary<string, string>(fields);
        var sent = token ?? Token;
        if (!string.IsNullOrEmpty(sent))
        {
            body["__RequestVerificationToken"] = sent;
        }

        using var content = new FormUrlEncodedContent(body);
        return await _http.PostAsync(path, content, Ct);
    }

    public static async Task<string> HtmlAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);

    /// <summary>The text of the element with the id, or null.</summary>
    public static string? Text(string html, string id) =>
        new HtmlParser().ParseDocument(html).GetElementById(id)?.TextContent;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
