using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Certificates;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using NSubstitute;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

public sealed class BadgeFooterMiddlewareTests
{
    private const string Marker = "data-online-badge=\"bdg-1\"";
    private const string Page = "<!DOCTYPE html><html><head><title>t</title></head><body><p>政务公开</p></body></html>";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<FooterHost> Start(Server server, Action<WebApplication> endpoints, Action<BadgeFooterOptions>? options = null, IBadgeAuthorityClient? authority = null) =>
        FooterHost.StartAsync(server, endpoints, authority, options);

    [Theory]
    [InlineData(Server.TestServer)]
    [InlineData(Server.Kestrel)]
    public async Task Html_GetsTheFooterBeforeBodyEnd_AndLosesContentLength(Server server)
    {
        var (response, body) = await GetPageWithFooterAsync(server, (c, bytes) =>
        {
            c.Response.ContentLength = bytes.Length;
            c.Response.Headers["Content-MD5"] = "xyz";
        });
        using var _ = response;

        Assert.StartsWith(Page[..^14], body, StringComparison.Ordinal);
        Assert.False(response.Content.Headers.Contains("Content-MD5"));
        // The app's Content-Length (the page without the footer) is gone; whatever length arrives is the real one.
        Assert.NotEqual(Encoding.UTF8.GetByteCount(Page), response.Content.Headers.ContentLength);
    }

    // Headers an app sets from its own OnStarting callback (after the footer's first look at them) are fixed again
    // before they go out: the app's length would cut the page short, its strong tag would claim the wrong bytes.
    [Theory]
    [InlineData(Server.TestServer)]
    [InlineData(Server.Kestrel)]
    public async Task HeadersSetWhenTheResponseStarts_AreFixedToo(Server server)
    {
        var (response, _) = await GetPageWithFooterAsync(server, (c, bytes) => c.Response.OnStarting(() =>
        {
            c.Response.ContentLength = bytes.Length;
            c.Response.Headers.ETag = "\"late\"";
            c.Response.Headers["Repr-Digest"] = "sha-256=:x:";
            return Task.CompletedTask;
        }));
        using var __ = response;

        Assert.NotEqual(Encoding.UTF8.GetByteCount(Page), response.Content.Headers.ContentLength);
        Assert.True(response.Headers.ETag!.IsWeak);
        Assert.StartsWith("\"late-bs", response.Headers.ETag.Tag, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Repr-Digest"));
    }

    // Serves Page as UTF-8 HTML from one write, after the app's own header work, and checks the footer arrived
    // before </body>; returns the response (its content read) and the body.
    private static async Task<(HttpResponseMessage Response, string Body)> GetPageWithFooterAsync(Server server, Action<HttpContext, byte[]> headers)
    {
        await using var host = await Start(server, app => app.MapGet("/", (HttpContext c) =>
        {
            var bytes = Encoding.UTF8.GetBytes(Page);
            c.Response.ContentType = "text/html; charset=utf-8";
            headers(c, bytes);
            return c.Response.Body.WriteAsync(bytes).AsTask();
        }));

        var response = await host.Client.GetAsync("/", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Marker, body, StringComparison.Ordinal);
        Assert.EndsWith("</a></div></body></html>", body, StringComparison.Ordinal);
        return (response, body);
    }

    [Theory]
    [InlineData(Server.TestServer)]
    [InlineData(Server.Kestrel)]
    public async Task NonHtml_And_OtherStatuses_AreUntouched(Server server)
    {
        await using var host = await Start(server, app =>
        {
            app.MapGet("/json", () => Results.Json(new { html = "</body>" }));
            app.MapGet("/missing", () => Results.Content(Page, "text/html", statusCode: 404));
            app.MapGet("/empty", () => Results.NoContent());
        });

        var json = await host.Client.GetStringAsync("/json", Ct);
        using var missing = await host.Client.GetAsync("/missing", Ct);
        using var empty = await host.Client.GetAsync("/empty", Ct);

        Assert.DoesNotContain("online-badge", json, StringComparison.Ordinal);
        Assert.Equal(Page, await missing.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
    }

    [Theory]
    [InlineData(Server.TestServer)]
    [InlineData(Server.Kestrel)]
    public async Task Head_HasTheHeadersOfGet_AndNoBody(Server server)
    {
        await using var host = await Start(server, app => app.MapMethods("/", ["GET", "HEAD"], (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            c.Response.ContentLength = Page.Length;
            c.Response.Headers.ETag = "\"abc\"";
            return c.Request.Method == "HEAD" ? Task.CompletedTask : c.Response.WriteAsync(Page);
        }));

        using var get = await host.Client.GetAsync("/", Ct);
        using var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), Ct);

        Assert.Null(head.Content.Headers.ContentLength is > 0 ? head.Content.Headers.ContentLength : null);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData(Server.TestServer)]
    [InlineData(Server.Kestrel)]
    public async Task ETag_IsWeakAndVersioned_And304KeepsWorking(Server server)
    {
        await using var host = await Start(server, app => app.MapGet("/", PageWithETag));

        using var first = await host.Client.GetAsync("/", Ct);
        var tag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/");
        conditional.Headers.IfNoneMatch.Add(tag);
        using var second = await host.Client.SendAsync(conditional, Ct);

        Assert.True(tag.IsWeak);
        Assert.StartsWith("\"app-tag-bs", tag.Tag, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(tag, second.Headers.ETag);
    }

    [Fact]
    public async Task ETag_OfAnOlderBadgeVersion_IsDropped_SoTheFullPageComes()
    {
        await using var host = await Start(Server.TestServer, app => app.MapGet("/", PageWithETag));
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"app-tag-bs00000000\"", isWeak: true));

        using var response = await host.Client.SendAsync(stale, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Marker, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTransform_OptOut_AndExcludedPaths_AreRespected()
    {
        await using var host = await Start(Server.TestServer, app =>
        {
            app.MapGet("/nt", (HttpContext c) =>
            {
                c.Response.Headers.CacheControl = "public, no-transform";
                return Results.Content(Page, "text/html");
            });
            app.MapGet("/opt-out", () => Results.Content(Page, "text/html")).WithoutBadgeFooter();
            app.MapGet("/admin/x", () => Results.Content(Page, "text/html"));
            app.MapGet("/ok", () => Results.Content(Page, "text/html"));
        }, o => o.ExcludedPaths.Add("/admin"));

        Assert.Equal(Page, await host.Client.GetStringAsync("/nt", Ct));
        Assert.Equal(Page, await host.Client.GetStringAsync("/opt-out", Ct));
        Assert.Equal(Page, await host.Client.GetStringAsync("/admin/x", Ct));
        Assert.Contains(Marker, await host.Client.GetStringAsync("/ok", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageThatAlreadyCarriesTheBadge_IsNotGivenASecond()
    {
        var fragment = Encoding.ASCII.GetString(BadgeFooterRendererFragment());
        var page = $"<!doctype html><body><main>x</main>{fragment}</body>";
        await using var host = await Start(Server.TestServer, app => app.MapGet("/", () => Results.Content(page, "text/html")));

        var body = await host.Client.GetStringAsync("/", Ct);

        Assert.Equal(page, body);
    }

    [Theory]
    [InlineData(Server.TestServer, true)]
    [InlineData(Server.TestServer, false)]
    [InlineData(Server.Kestrel, true)]
    [InlineData(Server.Kestrel, false)]
    public async Task BodyWriter_WithAndWithoutFlush_GetsTheFooter(Server server, bool flush)
    {
        await using var host = await Start(server, app => app.MapGet("/", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            var bytes = Encoding.UTF8.GetBytes(Page);
            foreach (var chunk in bytes.Chunk(7))
            {
                var span = c.Response.BodyWriter.GetSpan(chunk.Length);
                chunk.CopyTo(span);
                c.Response.BodyWriter.Advance(chunk.Length);
                if (flush)
                {
                    await c.Response.BodyWriter.FlushAsync();
                }
            }
        }));

        var body = await host.Client.GetStringAsync("/", Ct);

        Assert.Contains(Marker, body, StringComparison.Ordinal);
        Assert.EndsWith("</div></body></html>", body, StringComparison.Ordinal);
    }

    // A page with a Content-Length ends with the write that brings its last byte: the footer and the end of the
    // (now chunked) body go out then, so the client has the whole page while the app is still running, and a byte
    // past the declared length is an error, as it is on a site without the footer. (Kestrel only: TestServer's
    // response ends when the app returns, whatever the app completes before.)
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ContentLength_TheWriteThatBringsTheLastByte_EndsTheResponse(bool bodyWriter)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var extraWrite = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await Start(Server.Kestrel, app => app.MapGet("/", async (HttpContext c) =>
        {
            var bytes = Encoding.UTF8.GetBytes(Page);
            c.Response.ContentType = "text/html; charset=utf-8";
            c.Response.ContentLength = bytes.Length;
            foreach (var chunk in bytes.Chunk(7))
            {
                await WriteAsync(c, chunk, bodyWriter);
            }

            await release.Task;
            try
            {
                await WriteAsync(c, "x"u8.ToArray(), bodyWriter);
                extraWrite.SetResult(null);
            }
            catch (Exception ex)
            {
                extraWrite.SetResult(ex);
            }
        }));

        // Read to the end while the app still waits: only a response that ended with the page's last byte gets here.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        using var response = await host.Client.GetAsync("/", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        var body = await response.Content.ReadAsStringAsync(deadline.Token);
        release.SetResult();

        Assert.Equal(2, body.Split(Marker).Length);
        Assert.EndsWith("</a></div></body></html>", body, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(await extraWrite.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct));
    }

    // The last write goes out through the response's pipe writer (the app's bytes, the held end of the page and
    // the footer), after earlier writes through the stream: in the right order on any server, the page a response
    // without a Content-Length gets.
    [Theory]
    [InlineData(Server.Kestrel, 64 * 1024, 0)]
    [InlineData(Server.Kestrel, 64 * 1024, 2048)]
    [InlineData(Server.Kestrel, 300 * 1024, 0)]
    [InlineData(Server.TestServer, 64 * 1024, 0)]
    [InlineData(Server.TestServer, 64 * 1024, 2048)]
    public async Task ContentLength_LastWrite_GivesTheSamePageAsWithoutOne(Server server, int size, int spaceAfterBody)
    {
        var head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>";
        var end = "</body>" + new string(' ', spaceAfterBody) + "\n</html>";
        var page = Encoding.UTF8.GetBytes(head + new string('x', size - head.Length - end.Length) + end);
        await using var host = await Start(server, app =>
        {
            app.MapGet("/length", (HttpContext c) =>
            {
                c.Response.ContentType = "text/html; charset=utf-8";
                c.Response.ContentLength = page.Length;
                return c.Response.Body.WriteAsync(page).AsTask();
            });
            app.MapGet("/chunked", (HttpContext c) =>
            {
                c.Response.ContentType = "text/html; charset=utf-8";
                return c.Response.Body.WriteAsync(page).AsTask();
            });
        });

        var withLength = await host.Client.GetByteArrayAsync("/length", Ct);
        var without = await host.Client.GetByteArrayAsync("/chunked", Ct);

        Assert.Equal(2, Encoding.UTF8.GetString(withLength).Split(Marker).Length);
        Assert.Equal(without, withLength);
    }

    // Over HTTP/2 (no chunked framing: the end of the body is the stream's END_STREAM) the same early end holds.
    [Fact]
    public async Task ContentLength_OverHttp2_TheWriteThatBringsTheLastByte_EndsTheStream()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await FooterHost.StartAsync(
            Server.Kestrel,
            app => app.MapGet("/", async (HttpContext c) =>
            {
                var bytes = Encoding.UTF8.GetBytes(Page);
                c.Response.ContentType = "text/html; charset=utf-8";
                c.Response.ContentLength = bytes.Length;
                foreach (var chunk in bytes.Chunk(11))
                {
                    await c.Response.Body.WriteAsync(chunk);
                }

                await release.Task;
            }),
            services: s => s.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k =>
                k.ConfigureEndpointDefaults(l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2)));
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false })
        {
            BaseAddress = host.Client.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        using var response = await client.GetAsync("/", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        var body = await response.Content.ReadAsStringAsync(deadline.Token);
        release.SetResult();

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(2, body.Split(Marker).Length);
        Assert.EndsWith("</a></div></body></html>", body, StringComparison.Ordinal);
    }

    private static async Task WriteAsync(HttpContext context, byte[] chunk, bool bodyWriter)
    {
        if (!bodyWriter)
        {
            await context.Response.Body.WriteAsync(chunk);
            return;
        }

        chunk.CopyTo(context.Response.BodyWriter.GetSpan(chunk.Length));
        context.Response.BodyWriter.Advance(chunk.Length);
        await context.Response.BodyWriter.FlushAsync();
    }

    [Fact]
    public async Task SynchronousWrites_GetTheFooter()
    {
        await using var host = await Start(Server.Kestrel, app => app.MapGet("/", (HttpContext c) =>
        {
            c.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
            c.Response.ContentType = "text/html";
            foreach (var chunk in Encoding.UTF8.GetBytes(Page).Chunk(5))
            {
                c.Response.Body.Write(chunk);
            }

            c.Response.Body.Flush();
        }));

        Assert.Contains(Marker, await host.Client.GetStringAsync("/", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Server.TestServer)]
    [InlineData(Server.Kestrel)]
    public async Task StaticFiles_GetTheFooter_AndRangesAreLeftAlone(Server server)
    {
        var root = Directory.CreateTempSubdirectory("badge-static-");
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "about.html"), Page, Ct);
        await using var host = await FooterHost.StartAsync(server, app => app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root.FullName) }));

        var body = await host.Client.GetStringAsync("/about.html", Ct);
        using var range = new HttpRequestMessage(HttpMethod.Get, "/about.html");
        range.Headers.Range = new RangeHeaderValue(0, 9);
        using var partial = await host.Client.SendAsync(range, Ct);

        Assert.Contains(Marker, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes(Page)[..10], await partial.Content.ReadAsByteArrayAsync(Ct));
        root.Delete(recursive: true);
    }

    [Theory]
    [InlineData(Server.TestServer)]
    [InlineData(Server.Kestrel)]
    public async Task ExceptionBeforeTheFirstByte_LeavesTheResponseToTheExceptionHandler(Server server)
    {
        await using var host = await FooterHost.StartAsync(server, app => app.MapGet("/boom", string () => throw new InvalidOperationException("boom")),
            before: app => app.UseExceptionHandler(e => e.Run(c =>
            {
                c.Response.StatusCode = 500;
                c.Response.ContentType = "text/plain";
                return c.Response.WriteAsync("handled: sorry");
            })));

        using var response = await host.Client.GetAsync("/boom", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("handled: sorry", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ExceptionMidResponse_AbortsWithoutHanging()
    {
        await using var host = await Start(Server.Kestrel, app => app.MapGet("/", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            await c.Response.WriteAsync("<!doctype html><body>part");
            await c.Response.Body.FlushAsync();
            throw new InvalidOperationException("mid-stream");
        }));

        await Assert.ThrowsAnyAsync<HttpRequestException>(async () => await host.Client.GetStringAsync("/", Ct));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task PrecompressedBodies_AreDecompressedInjectedAndCompressedAgain(string encoding)
    {
        var compressed = Compress(Encoding.UTF8.GetBytes(Page), encoding);
        await using var host = await Start(Server.Kestrel, app => app.MapGet("/", (HttpContext c) =>
        {
            c.Response.ContentType = "text/html; charset=utf-8";
            c.Response.Headers.ContentEncoding = encoding;
            c.Response.ContentLength = compressed.Length;
            return c.Response.Body.WriteAsync(compressed).AsTask();
        }));

        using var response = await host.Client.GetAsync("/", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var body = Encoding.UTF8.GetString(Decompress(bytes, encoding));

        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        Assert.Contains(Marker, body, StringComparison.Ordinal);
        Assert.EndsWith("</div></body></html>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GbkPage_GetsTheAsciiFooter_AndItsTextIsIntact()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("gbk");
        var page = "<!doctype html><html><head><meta charset=\"gbk\"></head><body><p>政务公开：万载县</p></body></html>";
        await using var host = await Start(Server.Kestrel, app => app.MapGet("/", () => Results.Bytes(gbk.GetBytes(page), "text/html; charset=gbk")));

        var body = gbk.GetString(await host.Client.GetByteArrayAsync("/", Ct));

        Assert.Contains("<p>政务公开：万载县</p>", body, StringComparison.Ordinal);
        Assert.Contains(Marker, body, StringComparison.Ordinal);
        Assert.Contains("&#x4E07;&#x8F7D;", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html; charset=utf-16", "<body>x</body>")]
    [InlineData("text/html", "<html><head><meta charset=\"iso-2022-jp\"></head><body>x</body></html>")]
    [InlineData("text/html; charset=x-unknown-encoding", "<body>x</body>")]
    public async Task IncompatibleCharsets_PassThroughUntouched(string contentType, string page)
    {
        await using var host = await Start(Server.TestServer, app => app.MapGet("/", () => Results.Bytes(Encoding.ASCII.GetBytes(page), contentType)));

        Assert.Equal(page, Encoding.ASCII.GetString(await host.Client.GetByteArrayAsync("/", Ct)));
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", "<html><head><meta charset=\"iso-2022-jp\"></head><body>x</body></html>", true)]
    [InlineData("text/html", "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; Charset=ISO-2022-JP\"></head><body>x</body></html>", false)]
    [InlineData("text/html", "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=gb2312\"></head><body>x</body></html>", true)]
    public async Task TheHeaderCharsetWins_ThenAMetaInTheFirstKiB(string contentType, string page, bool injected)
    {
        await using var host = await Start(Server.TestServer, app => app.MapGet("/", () => Results.Bytes(Encoding.ASCII.GetBytes(page), contentType)));

        var body = Encoding.ASCII.GetString(await host.Client.GetByteArrayAsync("/", Ct));

        Assert.Equal(injected, body.Contains(Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamedPage_BytesBeforeBodyEnd_ArriveBeforeTheAppFinishes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await Start(Server.Kestrel, app => app.MapGet("/", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            await c.Response.WriteAsync("<!doctype html><body><h1>first part</h1>");
            await c.Response.Body.FlushAsync();
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await c.Response.WriteAsync("<p>second</p></body></html>");
        }));

        using var response = await host.Client.GetAsync("/", HttpCompletionOption.ResponseHeadersRead, Ct);
        var stream = await response.Content.ReadAsStreamAsync(Ct);
        var buffer = new byte[1024];
        var read = 0;
        while (read < 40)
        {
            read += await stream.ReadAsync(buffer.AsMemory(read), Ct);
        }

        var first = Encoding.UTF8.GetString(buffer, 0, read);
        gate.SetResult();
        var rest = await new StreamReader(stream).ReadToEndAsync(Ct);

        Assert.StartsWith("<!doctype html><body><h1>first part</h1>", first, StringComparison.Ordinal);
        Assert.Contains(Marker, rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorityThatNeverAnswers_PageGoesOutWithoutTheBadge()
    {
        var never = new TaskCompletionSource<BadgeRecord>();
        var authority = Substitute.For<IBadgeAuthorityClient>();
        authority.ResolveCurrentBadgeAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(never.Task);
        await using var host = await FooterHost.StartAsync(Server.Kestrel, app => app.MapGet("/", () => Results.Content(Page, "text/html")), authority, waitForBadges: false);

        var body = await host.Client.GetStringAsync("/", Ct);

        Assert.Equal(Page, body);
        Assert.False(never.Task.IsCompleted);
        await authority.Received().ResolveCurrentBadgeAsync("bdg-1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AuthorityDown_PageGoesOutWithoutTheBadge()
    {
        var authority = Substitute.For<IBadgeAuthorityClient>();
        authority.ResolveCurrentBadgeAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns<BadgeRecord>(_ => throw new BadgeAuthorityException("down", null, AuthorityErrorCodes.TransportError, null, null));
        await using var host = await FooterHost.StartAsync(Server.TestServer, app => app.MapGet("/", () => Results.Content(Page, "text/html")), authority, waitForBadges: false);

        Assert.Equal(Page, await host.Client.GetStringAsync("/", Ct));
    }

    [Fact]
    public async Task StrictCspPage_FooterHasNoInlineScriptOrStyle_AndAssetsAreSameOrigin()
    {
        await using var host = await Start(Server.TestServer, app => app.MapGet("/", (HttpContext c) =>
        {
            c.Response.Headers.ContentSecurityPolicy = "default-src 'self'";
            return Results.Content(Page, "text/html");
        }));

        var body = await host.Client.GetStringAsync("/", Ct);
        var fragment = body[body.IndexOf("<div class=\"online-badge", StringComparison.Ordinal)..body.LastIndexOf("</body>", StringComparison.Ordinal)];
        var css = await host.Client.GetAsync("/_badge/badge.css", Ct);
        var svg = await host.Client.GetAsync("/_badge/bdg-1.svg", Ct);

        Assert.DoesNotContain("style=", fragment, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", fragment, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", fragment.Replace(" online", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.True(fragment.All(ch => ch < 128), "the fragment is pure ASCII");
        Assert.Contains("src=\"/_badge/bdg-1.svg?v=1\"", fragment, StringComparison.Ordinal);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SiteCluster_OfAHundredHosts_EachGetsItsOwnBadge()
    {
        var certificates = Enumerable.Range(0, 100).Select(i => FooterHost.Certificate($"bdg-{i:D3}", organizer: $"第{i}单位")).ToArray();
        await using var host = await FooterHost.StartAsync(Server.TestServer, app => app.MapGet("/", () => Results.Content(Page, "text/html")),
            FooterHost.Authority(certificates), o =>
            {
                o.BadgeId = null;
                for (var i = 0; i < 100; i++)
                {
                    o.Hosts[$"site{i}.gov-cluster.test"] = $"bdg-{i:D3}";
                }
            });

        for (var i = 0; i < 100; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Host = $"SITE{i}.gov-cluster.test";
            using var response = await host.Client.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains($"data-online-badge=\"bdg-{i:D3}\"", body, StringComparison.Ordinal);
            Assert.Single(body.Split("data-online-badge=\"").Skip(1));
        }

        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/");
        unknown.Headers.Host = "elsewhere.test";
        Assert.Equal(Page, await (await host.Client.SendAsync(unknown, Ct)).Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task UseBadgeFooter_WithoutAddBadgeFooter_SaysWhatToDo()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        await using var app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.UseBadgeFooter());

        Assert.Contains("AddBadgeFooter", ex.Message, StringComparison.Ordinal);
    }

    // An app with its own strong ETag that answers 304 when it sees it.
    private static Task PageWithETag(HttpContext c)
    {
        c.Response.Headers.ETag = "\"app-tag\"";
        if (c.Request.Headers.IfNoneMatch.ToString() == "\"app-tag\"")
        {
            c.Response.StatusCode = 304;
            return Task.CompletedTask;
        }

        c.Response.ContentType = "text/html";
        return c.Response.WriteAsync(Page);
    }

    private static byte[] BadgeFooterRendererFragment() => Badge.Sdk.Rendering.BadgeFooterRenderer.RenderFooter(FooterHost.Certificate());

    private static byte[] Compress(byte[] data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding == "gzip" ? new GZipStream(output, CompressionLevel.Optimal) : new BrotliStream(output, CompressionLevel.Optimal))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] data, string encoding)
    {
        using var input = new MemoryStream(data);
        using Stream decompressor = encoding == "gzip" ? new GZipStream(input, CompressionMode.Decompress) : new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decompressor.CopyTo(output);
        return output.ToArray();
    }
}
