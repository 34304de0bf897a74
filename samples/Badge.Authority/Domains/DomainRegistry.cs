using Badge.Sdk.Identity;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Domains;

/// <summary>
/// The domain registry of the registries the authority runs (<c>.gov.cn</c>, <c>.政务</c>, <c>.公益</c>), and what
/// follows from it and from the Public Suffix List: which registration covers a domain, and a domain's registered
/// domain (the unit two overlapping badges must not share).
/// </summary>
public sealed class DomainRegistry
{
    private readonly Dictionary<string, string> _registrations = new(StringComparer.Ordinal);
    private readonly string[] _registrySuffixes;

    /// <summary>Builds the registry from the options.</summary>
    /// <param name="options">The emulator's options.</param>
    public DomainRegistry(IOptions<AuthorityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _registrySuffixes = value.RegistrySuffixes.Select(s => SiteDomain.Parse(s).Ascii).ToArray();
        foreach (var seed in value.DomainRegistrations)
        {
            _registrations[SiteDomain.Parse(seed.Domain).Ascii] = UnifiedSocialCreditCode.Parse(seed.Uscc).ToString();
        }

        Suffixes = PublicSuffixList.Load(value.PublicSuffixListPath, _registrySuffixes);
    }

    /// <summary>The public suffixes.</summary>
    public PublicSuffixList Suffixes { get; }

    /// <summary>The most specific registration covering a domain: its registered domain and registrant, or <see langword="null"/>.</summary>
    /// <param name="ascii">The domain, ASCII form.</param>
    /// <returns>The registration.</returns>
    public (string Domain, string Uscc)? FindRegistration(string ascii)
    {
        for (var candidate = ascii; ; )
        {
            if (_registrations.TryGetValue(candidate, out var uscc))
            {
                return (candidate, uscc);
            }

            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                return null;
            }

            candidate = candidate[(dot + 1)..];
        }
    }

    /// <summary>The registry suffix a domain is under (or is), or <see langword="null"/>.</summary>
    /// <param name="ascii">The domain, ASCII form.</param>
    /// <returns>For example <c>gov.cn</c>.</returns>
    public string? RegistrySuffixOf(string ascii) =>
        _registrySuffixes.FirstOrDefault(s => ascii == s || ascii.EndsWith("." + s, StringComparison.Ordinal));

    /// <summary>
    /// The registered domain of a domain: its registration in this registry, else its registrable domain under the
    /// Public Suffix List, else the domain itself.
    /// </summary>
    /// <param name="ascii">The domain, ASCII form.</param>
    /// <returns>The registered domain.</returns>
    public string RegisteredDomain(string ascii) =>
        FindRegistration(ascii)?.Domain ?? Suffixes.RegistrableDomain(ascii) ?? ascii;
}
