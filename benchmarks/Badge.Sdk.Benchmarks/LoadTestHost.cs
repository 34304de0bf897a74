using Badge.Sdk.AspNetCore;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Badge.Sdk.Benchmarks;

/// <summary>
/// The end-to-end load target: Kestrel on 127.0.0.1 serving one 64 KiB page, with or without the badge footer.
/// The authority is an in-process stand-in, so the measurement is the middleware's cost alone.
/// </summary>
internal static class LoadTestHost
{
    public static async Task RunAsync(int port, string mode)
    {
        var badge = mode == "badge";
        var page = SamplePage.Create(64 * 1024);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        if (badge)
        {
            builder.Services.AddSingleton<IBadgeAuthorityClient>(new StandInAuthority());
            builder.Services.AddBadgeFooter(o => o.BadgeId = StandInAuthority.Id);
        }

        var app = builder.Build();
        if (badge)
        {
            app.UseBadgeFooter();
        }
        else if (mode == "naive")
        {
            app.Use(NaiveBufferAndReplace);
        }
        else if (mode == "visit")
        {
            app.Use(VisitEveryTag);
        }

        app.MapGet("/", (HttpContext context) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.Body.WriteAsync(page).AsTask();
        });
        await app.RunAsync();
    }

    /// <summary>
    /// `profile-middleware`: the same pipeline as the load target, run in process without sockets (a
    /// DefaultHttpContext whose body goes to a sink), to weigh the middleware's cost apart from the scanner.
    /// </summary>
    public static async Task ProfileAsync()
    {
        var page = SamplePage.Create(64 * 1024);
        foreach (var mode in new[] { "plain", "badge", "badge-css" })
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            if (mode != "plain")
            {
                builder.Services.AddSingleton<IBadgeAuthorityClient>(new StandInAuthority());
                builder.Services.AddBadgeFooter(o => o.BadgeId = StandInAuthority.Id);
            }

            var app = builder.Build();
            if (mode != "plain")
            {
                app.UseBadgeFooter();
            }

            var type = mode == "badge-css" ? "text/css" : "text/html; charset=utf-8";
            app.Run(context =>
            {
                context.Response.ContentType = type;
                return context.Response.Body.WriteAsync(page).AsTask();
            });
            await app.StartAsync();
            var pipeline = ((IApplicationBuilder)app).Build();
            var sink = new SinkStream();
            async Task OneAsync()
            {
                var context = new DefaultHttpContext { RequestServices = app.Services };
                context.Request.Method = "GET";
                context.Request.Path = "/";
                context.Request.Host = new HostString("127.0.0.1");
                context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>(new Microsoft.AspNetCore.Http.StreamResponseBodyFeature(sink));
                await pipeline(context);
            }

            // Long enough for tiered compilation to finish (the first seconds run unoptimised code).
            var warm = System.Diagnostics.Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(3))
            {
                await OneAsync();
            }

            await Task.Delay(500);
            sink.Count = 0;
            await OneAsync();
            var best = double.MaxValue;
            for (var round = 0; round < 15; round++)
            {
                    var sw = System.Diagnostics.Stopwatch.StartNew();
                for (var i = 0; i < 2_000; i++)
                {
                    await OneAsync();
                }

                best = Math.Min(best, sw.Elapsed.TotalMicroseconds / 2_000);
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < 1_000; i++)
            {
                await OneAsync();
            }

            allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1_000;
            Console.WriteLine($"{mode,-9} {best:0.00} µs a response ({sink.Count / 30_001} bytes each), {allocated} bytes allocated");
            await app.StopAsync();
        }
    }

    private sealed class SinkStream : Stream
    {
        private readonly byte[] _scratch = new byte[64 * 1024 + 4096];

        public long Count { get; set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            // Touches every byte once, as the copy into the transport would.
            buffer.CopyTo(_scratch.AsSpan(0, Math.Min(buffer.Length, _scratch.Length)));
            Count += buffer.Length;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }
    }

    // For scale: buffer the whole page, decode, replace, encode.
    private static async Task NaiveBufferAndReplace(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        await next(context);
        context.Response.Body = original;
        var text = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var at = text.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var bytes = System.Text.Encoding.UTF8.GetBytes(at < 0 ? text : text.Insert(at, "<div class=\"online-badge\"><a href=\"/c\"><img src=\"/b.svg\" alt=\"b\"></a></div>"));
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes);
    }

    // For scale: a stream that merely visits every '<' with IndexOfAny and passes the bytes on.
    private static async Task VisitEveryTag(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        context.Response.Body = new VisitingStream(original);
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    private sealed class VisitingStream(Stream inner) : Stream
    {
        public int Tags { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var span = buffer.Span;
            int i;
            while ((i = span.IndexOf((byte)'<')) >= 0)
            {
                Tags++;
                span = span[(i + 1)..];
            }

            return inner.WriteAsync(buffer, cancellationToken);
        }
    }

    internal sealed class StandInAuthority : IBadgeAuthorityClient
    {
        public const string Id = "bdg-0123456789abcdef0123";

        private static readonly BadgeCertificate Certificate = Badge.Sdk.TestData.SampleCertificates.Website(Id);

        public Task<BadgeRecord> ResolveCurrentBadgeAsync(string badgeId, CancellationToken cancellationToken = default) => Task.FromResult(new BadgeRecord
        {
            Id = Id,
            Kind = BadgeKind.Website,
            Status = BadgeStatus.Active,
            Version = 1,
            Uscc = Certificate.Uscc,
            OrganizerName = Certificate.OrganizerName,
            OnlineName = Certificate.OnlineName,
            IssuedAt = Certificate.IssuedAt,
            UpdatedAt = Certificate.UpdatedAt,
        });

        public ValueTask<BadgeCertificate> GetCertificateAsync(string badgeId, CancellationToken cancellationToken = default) => new(Certificate);

        public Task<byte[]> GetBadgeImageAsync(string badgeId, CancellationToken cancellationToken = default) => Task.FromResult("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray());

        public Task<IssuedBadge> IssueBadgeAsync(IssueBadgeRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord> GetBadgeAsync(string badgeId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgePage> ListBadgesAsync(UnifiedSocialCreditCode uscc, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord> RevokeBadgeAsync(string badgeId, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord> ImportLegacyBadgeAsync(ImportLegacyBadgeRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord> SupersedeBadgeAsync(string badgeId, string replacementId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SignedBadgeCertificate> GetSignedCertificateAsync(string badgeId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuthorityMetadata> GetAuthorityMetadataAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord> ValidateDomainAsync(string badgeId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord?> FindBadgeForHostAsync(string host, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
