using System.Globalization;

namespace Badge.Authority.Domains;

/// <summary>
/// The Public Suffix List (publicsuffix.org), read from the copy the operating system keeps up to date (Debian's
/// <c>publicsuffix</c> package: <c>/usr/share/publicsuffix/public_suffix_list.dat</c>), with the ICANN and the
/// private sections, wildcards and exceptions. Rules are held in their ASCII (punycode) form.
/// </summary>
/// <remarks>
/// No maintained NuGet package for the list is available here; the matching algorithm is the list's own short one
/// (the longest matching rule wins, an exception rule beats it, and an unlisted top-level label is a suffix), and the
/// data stays the maintained file. Without the file, a built-in list of the suffixes a Chinese institution would
/// name is used, and <see cref="IsComplete"/> is false.
/// </remarks>
public sealed class PublicSuffixList
{
    /// <summary>Where Debian's <c>publicsuffix</c> package puts the list.</summary>
    public const string SystemPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    // What is refused even without the system's list: the suffixes and their neighbours.
    private static readonly string[] BuiltIn =
    [
        "cn", "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn", "mil.cn", "政务", "公益", "中国", "中國",
        "com", "net", "org", "edu", "gov", "int", "mil", "hk", "com.hk", "gov.hk", "mo", "gov.mo", "tw", "gov.tw",
    ];

    private static readonly IdnMapping Idn = new() { AllowUnassigned = true };

    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    private PublicSuffixList(bool complete) => IsComplete = complete;

    /// <summary>Whether the full list was read (rather than the built-in fallback).</summary>
    public bool IsComplete { get; }

    /// <summary>How many rules are held.</summary>
    public int Count => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Reads the list from a file, or falls back to the built-in suffixes when the file is missing.</summary>
    /// <param name="path">The <c>public_suffix_list.dat</c> file.</param>
    /// <param name="extra">Suffixes always refused besides the list's (the registries the authority runs).</param>
    /// <returns>The list.</returns>
    public static PublicSuffixList Load(string? path, IEnumerable<string> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var complete = !string.IsNullOrEmpty(path) && File.Exists(path);
        var list = new PublicSuffixList(complete);
        var lines = complete ? File.ReadLines(path!) : BuiltIn;
        foreach (var line in lines.Concat(extra))
        {
            list.Add(line);
        }

        return list;
    }

    /// <summary>Whether a domain (ASCII form) is itself a public suffix: nobody's site, so no badge can name it.</summary>
    /// <param name="ascii">The domain, lower-case ASCII.</param>
    /// <returns>Whether it is a public suffix.</returns>
    public bool IsPublicSuffix(string ascii) => SuffixLabels(ascii) >= LabelCount(ascii);

    /// <summary>The registrable domain (public suffix plus one label) of a domain, or <see langword="null"/> for a suffix.</summary>
    /// <param name="ascii">The domain, lower-case ASCII.</param>
    /// <returns>For example <c>example.com.cn</c> for <c>www.example.com.cn</c>.</returns>
    public string? RegistrableDomain(string ascii)
    {
        var labels = ascii.Split('.');
        var suffix = SuffixLabels(ascii);
        return suffix >= labels.Length ? null : string.Join('.', labels[^(suffix + 1)..]);
    }

    // The number of labels of the public suffix of the domain (at least 1: an unlisted top-level label is a suffix).
    private int SuffixLabels(string ascii)
    {
        var labels = ascii.Split('.');
        var best = 1;
        for (var take = 1; take <= labels.Length; take++)
        {
            var candidate = string.Join('.', labels[^take..]);
            if (_exceptions.Contains(candidate))
            {
                return take - 1;
            }

            if (_rules.Contains(candidate))
            {
                best = Math.Max(best, take);
            }

            if (take < labels.Length && _wildcards.Contains(candidate))
            {
                best = Math.Max(best, take + 1);
            }
        }

        return best;
    }

    private static int LabelCount(string ascii) => ascii.AsSpan().Count('.') + 1;

    private void Add(string line)
    {
        var rule = line.AsSpan().Trim();
        var space = rule.IndexOfAny(' ', '\t');
        if (space >= 0)
        {
            rule = rule[..space];
        }

        if (rule.IsEmpty || rule.StartsWith("//", StringComparison.Ordinal))
        {
            return;
        }

        var set = _rules;
        if (rule[0] == '!')
        {
            set = _exceptions;
            rule = rule[1..];
        }
        else if (rule.StartsWith("*.", StringComparison.Ordinal))
        {
            set = _wildcards;
            rule = rule[2..];
        }

        try
        {
            set.Add(Idn.GetAscii(rule.ToString()).ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            // A rule IDNA cannot encode names nothing a SiteDomain can be; skip it.
        }
    }
}
