using Badge.Sdk.AspNetCore.Footer;
using Microsoft.Extensions.Options;

namespace Badge.Gateway;

/// <summary>A configuration the gateway cannot start with; the message names the key and says what to do.</summary>
internal sealed class GatewayConfigurationException(string message) : Exception(message);

/// <summary>Reads and checks the configuration before anything starts.</summary>
internal static class GatewayConfiguration
{
    public sealed record Settings(GatewayOptions Gateway, Uri Authority);

    public static Settings Read(IConfiguration configuration)
    {
        GatewayOptions gateway;
        try
        {
            gateway = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the value it could not convert.
            throw new GatewayConfigurationException($"Gateway: {ex.Message}");
        }

        // The section's own rules (data annotations, checked by the generated validator): each message names its key.
        var validation = GatewayOptionsValidator.Instance.Validate(Options.DefaultName, gateway);
        if (validation.Failed)
        {
            // A failure reads "Member: message"; the message names the key already ("Gateway:Timeout must be …").
            throw new GatewayConfigurationException(string.Join(" ", validation.Failures.Select(static f =>
                f.IndexOf(GatewayOptions.Section + ":", StringComparison.Ordinal) is > 0 and var key ? f[key..] : f)));
        }

        var hasRoutes = configuration.GetSection("ReverseProxy:Routes").GetChildren().Any();
        if (gateway.Upstream is null && !hasRoutes)
        {
            throw new GatewayConfigurationException(
                "no upstream: set Gateway:Upstream (such as --Gateway:Upstream=http://127.0.0.1:8080) or routes and clusters in the ReverseProxy section.");
        }

        var authorityText = configuration["Badge:Authority"];
        if (string.IsNullOrWhiteSpace(authorityText))
        {
            throw new GatewayConfigurationException(
                "Badge:Authority is not set: the badge authority's address (such as --Badge:Authority=http://127.0.0.1:5280 for the local emulator).");
        }

        if (!Uri.TryCreate(authorityText, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttp && authority.Scheme != Uri.UriSchemeHttps))
        {
            throw new GatewayConfigurationException($"Badge:Authority must be an absolute http:// or https:// address, not '{authorityText}'.");
        }

        var footer = new BadgeFooterOptions();
        try
        {
            BindFooter(configuration, footer);
        }
        catch (InvalidOperationException ex)
        {
            throw new GatewayConfigurationException($"Badge:Footer: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(footer.BadgeId) && footer.Hosts.Count == 0)
        {
            throw new GatewayConfigurationException(
                "no badge: set Badge:BadgeId (such as --Badge:BadgeId=bdg-…), or Badge:Footer:Hosts:<host name>=<badge id> for each site of a cluster.");
        }

        foreach (var (host, id) in footer.Hosts)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new GatewayConfigurationException($"Badge:Footer:Hosts:{host} has no badge id.");
            }
        }

        return new Settings(gateway, authority);
    }

    /// <summary>Every footer option from <c>Badge:Footer</c>; <c>Badge:BadgeId</c> is the short form of <c>Badge:Footer:BadgeId</c>.</summary>
    public static void BindFooter(IConfiguration configuration, BadgeFooterOptions options)
    {
        configuration.GetSection("Badge:Footer").Bind(options);
        if (configuration["Badge:BadgeId"] is { Length: > 0 } id)
        {
            options.BadgeId = id;
        }
    }
}
