using Microsoft.AspNetCore.Http;

namespace Badge.Sdk.AspNetCore.Footer;

internal sealed class ConfiguredBadgeFooterResolver : IBadgeFooterResolver
{
    private readonly BadgeFooterOptions _options;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _hosts;

    public ConfiguredBadgeFooterResolver(Microsoft.Extensions.Options.IOptions<BadgeFooterOptions> options)
    {
        _options = options.Value;
        var hosts = _options.Hosts as Dictionary<string, string> ?? new Dictionary<string, string>(_options.Hosts, StringComparer.OrdinalIgnoreCase);
        _hosts = hosts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // The host itself, else the most specific configured parent domain (a badge's domain covers its subdomains), else
    // BadgeId: www.a.example.gov.cn takes a.example.gov.cn's badge over example.gov.cn's.
    public string? ResolveBadgeId(HttpContext context)
    {
        if (_hosts.Dictionary.Count == 0)
        {
            return _options.BadgeId;
        }

        var host = context.Request.Host.Host.AsSpan();
        while (true)
        {
            if (_hosts.TryGetValue(host, out var id))
            {
                return id;
            }

            var dot = host.IndexOf('.');
            if (dot < 0)
            {
                return _options.BadgeId;
            }

            host = host[(dot + 1)..];
        }
    }
}
