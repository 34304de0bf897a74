using System.Runtime.Intrinsics;
using System.Text;
using Badge.Sdk.AspNetCore.Footer;
using BenchmarkDotNet.Attributes;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.Benchmarks;

/// <summary>
/// One response through: a pass-through stream, the injecting stream (FooterInjector, as the middleware drives it),
/// a naive buffer-and-replace, and a plain IndexOfAny('&lt;') pass over the same bytes for the scan rate.
/// </summary>
[MemoryDiagnoser]
public class FooterBenchmarks
{
    private static readonly byte[] Fragment = Encoding.ASCII.GetBytes("<div class=\"online-badge\" data-online-badge=\"b\"><a href=\"https://a.test/c/b\"><img src=\"/_badge/b.svg\" alt=\"x\"></a></div>");
    private byte[] _page = [];

    [Params(4 * 1024, 64 * 1024, 4 * 1024 * 1024)]
    public int PageSize { get; set; }

    // 0 means the whole page in one write.
    [Params(1, 4 * 1024, 0)]
    public int WriteSize { get; set; }

    [GlobalSetup]
    public void Setup() => _page = SamplePage.Create(PageSize);

    [Benchmark(Baseline = true)]
    public long PassThrough()
    {
        var sink = new CountingSink();
        foreach (var chunk in Chunks())
        {
            sink.Write(chunk);
        }

        return sink.Count;
    }

    [Benchmark]
    public long Injecting()
    {
        var sink = new CountingSink();
        var injector = new FooterInjector();
        foreach (var chunk in Chunks())
        {
            Emit(injector.Write(chunk.Span), chunk.Span, injector, sink);
        }

        Emit(injector.Complete(), default, injector, sink);
        return sink.Count;
    }

    [Benchmark]
    public long NaiveBufferAndReplace()
    {
        var buffer = new MemoryStream();
        foreach (var chunk in Chunks())
        {
            buffer.Write(chunk.Span);
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var at = text.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var result = at < 0 ? text : text.Insert(at, Encoding.ASCII.GetString(Fragment));
        var sink = new CountingSink();
        sink.Write(Encoding.UTF8.GetBytes(result));
        return sink.Count;
    }

    [Benchmark]
    public int IndexOfEveryTag()
    {
        var count = 0;
        foreach (var chunk in Chunks())
        {
            var span = chunk.Span;
            int i;
            while ((i = span.IndexOf((byte)'<')) >= 0)
            {
                count++;
                span = span[(i + 1)..];
            }
        }

        return count;
    }

    private IEnumerable<ReadOnlyMemory<byte>> Chunks()
    {
        var size = WriteSize == 0 ? _page.Length : WriteSize;
        for (var i = 0; i < _page.Length; i += size)
        {
            yield return _page.AsMemory(i, Math.Min(size, _page.Length - i));
        }
    }

    private static void Emit(IReadOnlyList<FooterInjector.Segment> segments, ReadOnlySpan<byte> input, FooterInjector injector, CountingSink sink)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            sink.Write(s.Source switch
            {
                FooterInjector.Source.Input => input.Slice(s.Start, s.Length),
                FooterInjector.Source.Released => injector.Released.Slice(s.Start, s.Length),
                _ => Fragment,
            });
        }
    }

    // Stands in for the socket: touches every byte once, as a copy to the transport would.
    private sealed class CountingSink
    {
        private readonly byte[] _scratch = new byte[4096];

        public long Count { get; private set; }

        public void Write(ReadOnlyMemory<byte> data) => Write(data.Span);

        public void Write(ReadOnlySpan<byte> data)
        {
            while (data.Length > 0)
            {
                var n = Math.Min(data.Length, _scratch.Length);
                data[..n].CopyTo(_scratch);
                data = data[n..];
                Count += n;
            }
        }
    }
}

/// <summary>`profile-footer`: the injecting stream on the 64 KiB page in a loop (a stopwatch sketch for profiling).</summary>
internal static class FooterProfile
{
    public static void Run()
    {
        var b = new FooterBenchmarks { PageSize = 64 * 1024, WriteSize = 0 };
        b.Setup();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("PROFILE_ROUNDS"), out var r) ? r : 5;
        for (var round = 0; round < rounds; round++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 20_000; i++)
            {
                b.Injecting();
            }

            var injecting = sw.Elapsed.TotalMicroseconds / 20_000;
            sw.Restart();
            for (var i = 0; i < 20_000; i++)
            {
                b.IndexOfEveryTag();
            }

            var indexOf = sw.Elapsed.TotalMicroseconds / 20_000;
            sw.Restart();
            for (var i = 0; i < 20_000; i++)
            {
                b.PassThrough();
            }

            Console.WriteLine($"injecting {injecting:0.00} µs   pass-through {sw.Elapsed.TotalMicroseconds / 20_000:0.00} µs   indexOf every tag {indexOf:0.00} µs");
        }
    }
}

/// <summary>`profile-scan`: the tokenizer alone over the 64 KiB page on each path, and where the fast path stops.</summary>
internal static class ScanProfile
{
    public static void Run()
    {
        var page = SamplePage.Create(64 * 1024);
        var stops = new List<int>();
        var at = 0;
        var (from, longest) = (0, 0);
        while (at < page.Length)
        {
            HtmlFastSkip.Skip(page, at, out var stop, out var resume);
            stops.Add(stop);
            (from, longest) = stop - at > longest ? (at, stop - at) : (from, longest);
            at = Math.Max(resume, stop + 1);
        }

        Console.WriteLine($"fast-path calls if resumed at once: {stops.Count}; first stops: {string.Join(", ", stops.Take(12))}");
        foreach (var path in new[] { ScanPath.Best, ScanPath.Vector256 })
        {
            var to = 0;
            var us = Profile.MinMicroseconds(() => HtmlFastSkip.Skip(page, from, path, out to, out _, out _), iterations: 20_000);
            Console.WriteLine($"{path,-10} one call {from}..{to}: {us * 1000 / ((to - from) / 64.0):0.00} ns per block");
        }

        foreach (var path in new[] { ScanPath.Best, ScanPath.Vector256, ScanPath.Exact })
        {
            Console.WriteLine($"{path,-10} tokenizer over the page: {Profile.MinMicroseconds(() => new HtmlEndOfBodyTokenizer(path).Run(page, 0, 0, out _)):0.00} µs");
        }

        // As under a server, where the kernel's socket copies push the page out of the core's caches between responses:
        // 4 MiB written before each scan, which alone is timed (median of many).
        var flush = new byte[4 << 20];
        var coldCopy = new byte[page.Length];
        foreach (var what in new[] { "tokenizer over the page", "copy 64 KiB" })
        {
            var times = new List<double>();
            for (var i = 0; i < 400; i++)
            {
                flush.AsSpan().Fill((byte)i);
                var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                if (what == "copy 64 KiB")
                {
                    page.CopyTo(coldCopy);
                }
                else
                {
                    new HtmlEndOfBodyTokenizer(ScanPath.Best).Run(page, 0, 0, out _);
                }

                times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            }

            times.Sort();
            Console.WriteLine($"{what}, caches flushed first: median {times[times.Count / 2]:0.00} µs, best {times[0]:0.00} µs");
        }

        Console.WriteLine($"injector.Write + Complete: {Profile.MinMicroseconds(() => { var i = new FooterInjector(); i.Write(page); i.Complete(); }):0.00} µs");
        Console.WriteLine($"marker IndexOf: {Profile.MinMicroseconds(() => page.AsSpan().IndexOf("data-online-badge=\""u8)):0.00} µs");
        Console.WriteLine($"sniffer: {Profile.MinMicroseconds(() => new DocumentSniffer().Feed(page)):0.00} µs");
        var copy = new byte[page.Length];
        Console.WriteLine($"copy 64 KiB: {Profile.MinMicroseconds(() => page.CopyTo(copy)):0.00} µs");
    }
}

/// <summary>Stopwatch helpers for the profiling sketches: the fastest of many short rounds, which this noisy
/// machine needs (a single round can be twice as slow as the next).</summary>
internal static class Profile
{
    public static double MinMicroseconds(Action action, int rounds = 15, int iterations = 2_000)
    {
        var best = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                action();
            }

            best = Math.Min(best, sw.Elapsed.TotalMicroseconds / iterations);
        }

        return best;
    }
}

internal static class ScanFloor
{
    public static void Run()
    {
        var page = SamplePage.Create(64 * 1024);
        ulong sum = 0;
        Console.WriteLine($"floor {Profile.MinMicroseconds(() => sum += Floor(page)):0.00} µs");
        Console.WriteLine($"floor+perm ({Perm}) {Profile.MinMicroseconds(() => sum += FloorPerm(page)):0.00} µs ({sum})");
    }

    private static ulong Floor(ReadOnlySpan<byte> data)
    {
        ref var origin = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(data);
        ulong inQuote = 0, inTag = 0, acc = 0;
        for (var position = 0; position + 64 <= data.Length; position += 64)
        {
            var bytes = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref origin, (nuint)position);
            var lt = System.Runtime.Intrinsics.Vector512.Equals(bytes, System.Runtime.Intrinsics.Vector512.Create((byte)'<')).ExtractMostSignificantBits();
            var gt = System.Runtime.Intrinsics.Vector512.Equals(bytes, System.Runtime.Intrinsics.Vector512.Create((byte)'>')).ExtractMostSignificantBits();
            var dq = System.Runtime.Intrinsics.Vector512.Equals(bytes, System.Runtime.Intrinsics.Vector512.Create((byte)'"')).ExtractMostSignificantBits();
            var inDq = Px(dq) ^ inQuote;
            var toggles = (lt | gt) & ~inDq;
            var tag = Px(toggles) ^ inTag;
            var tagBefore = tag ^ toggles;
            var irregular = (toggles & (tagBefore ^ gt)) | (dq & ~tagBefore);
            acc += irregular;
            inQuote = (ulong)((long)inDq >> 63);
            inTag = (ulong)((long)tag >> 63);
        }

        return acc;
    }

    private static readonly string? Perm = Environment.GetEnvironmentVariable("PERM");

    private static ulong FloorPerm(ReadOnlySpan<byte> data)
    {
        ref var origin = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(data);
        ulong inQuote = 0, inTag = 0, acc = 0;
        var t0 = Vector512.Create((byte)1);
        var t1 = Vector512.Create((byte)2);
        for (var position = 0; position + 67 <= data.Length; position += 64)
        {
            var bytes = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref origin, (nuint)position);
            var lt = System.Runtime.Intrinsics.Vector512.Equals(bytes, System.Runtime.Intrinsics.Vector512.Create((byte)'<')).ExtractMostSignificantBits();
            var gt = System.Runtime.Intrinsics.Vector512.Equals(bytes, System.Runtime.Intrinsics.Vector512.Create((byte)'>')).ExtractMostSignificantBits();
            var dq = System.Runtime.Intrinsics.Vector512.Equals(bytes, System.Runtime.Intrinsics.Vector512.Create((byte)'"')).ExtractMostSignificantBits();
            var b1 = Vector512.LoadUnsafe(ref origin, (nuint)(position + 1));
            var p = Perm switch
            {
                "vpermb" => System.Runtime.Intrinsics.X86.Avx512Vbmi.PermuteVar64x8(t0, b1),
                "vpshufb" => System.Runtime.Intrinsics.X86.Avx512BW.Shuffle(t0, b1),
                "min" => Vector512.Min(t0, b1),
                "noload" => Vector512.Min(t0, bytes),
                _ => System.Runtime.Intrinsics.X86.Avx512Vbmi.PermuteVar64x8x2(t0, b1, t1),
            };
            var pm = Vector512.Equals(p, Vector512<byte>.Zero).ExtractMostSignificantBits();
            var inDq = Px(dq) ^ inQuote;
            var toggles = (lt | gt) & ~inDq;
            var tag = Px(toggles) ^ inTag;
            var tagBefore = tag ^ toggles;
            var irregular = (toggles & (tagBefore ^ gt)) | (dq & ~tagBefore) | (pm & lt);
            acc += irregular;
            inQuote = (ulong)((long)inDq >> 63);
            inTag = (ulong)((long)tag >> 63);
        }

        return acc;
    }

    private static ulong Px(ulong x) =>
        System.Runtime.Intrinsics.X86.Pclmulqdq.CarrylessMultiply(System.Runtime.Intrinsics.Vector128.CreateScalar(x), System.Runtime.Intrinsics.Vector128.Create(ulong.MaxValue), 0).ToScalar();
}
