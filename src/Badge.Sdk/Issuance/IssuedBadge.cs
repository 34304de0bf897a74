namespace Badge.Sdk.Issuance;

/// <summary>The answer to an issuance: the badge, its embed code (加注代码) and the addresses it uses.</summary>
public sealed record IssuedBadge
{
    /// <summary>The badge id.</summary>
    public required string Id { get; init; }

    /// <summary>The badge as the authority holds it.</summary>
    public required BadgeRecord Badge { get; init; }

    /// <summary>The embed code for sites that paste it ("复制代码"): a script loader with a <c>&lt;noscript&gt;</c> fallback.</summary>
    public required string EmbedCode { get; init; }

    /// <summary>The human certificate page (标识证书基本信息).</summary>
    public required Uri CertificateUrl { get; init; }

    /// <summary>The badge image (SVG).</summary>
    public required Uri ImageUrl { get; init; }

    /// <summary>The embed script.</summary>
    public required Uri ScriptUrl { get; init; }
}
