using System.Text;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Tests.Footer.Scanning;

/// <summary>Feeds a page to an <see cref="HtmlEndOfBodyTokenizer"/> in chunks, as the injector does.</summary>
internal static class TokenizerDriver
{
    /// <summary>The stream positions of every real <c>&lt;/body&gt;</c> reported, in order.</summary>
    public static List<long> BodyEnds(HtmlEndOfBodyTokenizer tokenizer, ReadOnlySpan<byte> page, int chunk)
    {
        var ends = new List<long>();
        for (var offset = 0; offset < page.Length; offset += chunk)
        {
            var data = page.Slice(offset, Math.Min(chunk, page.Length - offset));
            var i = 0;
            while (i < data.Length)
            {
                var next = tokenizer.Run(data, i, offset, out var end);
                if (end >= 0)
                {
                    ends.Add(end);
                }
                else if (next <= i)
                {
                    throw new InvalidOperationException($"Run made no progress at {offset + i}");
                }

                i = next;
            }
        }

        return ends;
    }

    public static List<long> BodyEnds(string page, ScanPath path, int chunk) =>
        BodyEnds(new HtmlEndOfBodyTokenizer(path), Encoding.UTF8.GetBytes(page), chunk);

    /// <summary>Ordinary markup of exactly <paramref name="length"/> bytes: whole <c>&lt;b&gt;</c> elements, then text.</summary>
    public static string Ordinary(int length)
    {
        const string Unit = "<b>x</b>";
        var builder = new StringBuilder(length);
        while (builder.Length + Unit.Length <= length)
        {
            builder.Append(Unit);
        }

        return builder.Append('x', length - builder.Length).ToString();
    }
}
