using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Tests.Footer.Scanning;

internal static class InjectorHarness
{
    public static readonly byte[] Fragment =
        "<div class=\"online-badge\" data-online-badge=\"t\"><a href=\"https://authority.test/certificates/t\"><img src=\"/_badge/t.svg\" alt=\"badge\"></a></div>"u8.ToArray();

    /// <summary>Runs the injector with writes cut at the given positions and returns the output.</summary>
    public static byte[] Run(ReadOnlySpan<byte> page, IReadOnlyList<int> cuts, int lookAhead = 16 * 1024, ScanPath path = ScanPath.Best)
    {
        var injector = new FooterInjector(lookAhead, path);
        var output = new List<byte>(page.Length + Fragment.Length);
        var start = 0;
        foreach (var cut in cuts.Append(page.Length))
        {
            var chunk = page[start..cut];
            Apply(injector.Write(chunk), chunk, injector, output);
            start = cut;
        }

        Apply(injector.Complete(), [], injector, output);
        return [.. output];
    }

    public static byte[] Run(string page, params int[] cuts) => Run(System.Text.Encoding.UTF8.GetBytes(page), cuts);

    private static void Apply(IReadOnlyList<FooterInjector.Segment> segments, ReadOnlySpan<byte> input, FooterInjector injector, List<byte> output)
    {
        foreach (var segment in segments)
        {
            switch (segment.Source)
            {
                case FooterInjector.Source.Input:
                    output.AddRange(input.Slice(segment.Start, segment.Length));
                    break;
                case FooterInjector.Source.Released:
                    output.AddRange(injector.Released.Slice(segment.Start, segment.Length));
                    break;
                default:
                    output.AddRange(Fragment);
                    break;
            }
        }
    }
}
