using System.Text.Encodings.Web;
using System.Text.Json;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;

namespace Badge.Authority.Pages;

/// <summary>The badge image (SVG), the embed script and the embed code.</summary>
internal static class BadgeAssets
{
    public const int Width = 110;
    public const int Height = 128;

    public static string AltText(BadgeCertificate c) => $"网上标识：{c.OrganizerName.Value}";

    // A shield: red for government organs, blue for public institutions (the legacy colours); grey when not active.
    // The organizer name stands in the shield's wide upper half at 12 px, wrapped to two lines of at most
    // OrganizerLineLength characters (longer names end in "…"; the full name is the title and the alt text), so it
    // is legible at 1×.
    public static string Svg(BadgeCertificate c)
    {
        var colour = c.Status != BadgeStatus.Active ? "#8a8a8a"
            : c.InstitutionKind == InstitutionKind.PublicInstitution ? "#0b5cab" : "#c8102e";
        var (first, second) = OrganizerLines(c.OrganizerName.Value);
        var status = c.Status switch { BadgeStatus.Active => "网上标识", BadgeStatus.Revoked => "已撤销", _ => "已替换" };
        var secondLine = second.Length == 0 ? string.Empty
            : $"""<tspan class="organizer-line" x="55" dy="15">{X(second)}</tspan>""";
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 110 128" role="img" aria-label="{X(AltText(c))}">
            <title>{X(AltText(c))}</title>
            <path d="M55 4 L104 20 V62 C104 94 82 114 55 124 C28 114 6 94 6 62 V20 Z" fill="{colour}" stroke="#fff" stroke-width="3"/>
            <path transform="translate(55 30) scale(0.55) translate(-55 -51)" d="M55 30 l7 14 15 2 -11 10 3 15 -14 -7 -14 7 3 -15 -11 -10 15 -2 z" fill="#ffd700"/>
            <text id="organizer" x="55" y="{(second.Length == 0 ? 66 : 59)}" text-anchor="middle" font-size="12" font-family="Noto Sans CJK SC, sans-serif" fill="#fff"><tspan class="organizer-line" x="55">{X(first)}</tspan>{secondLine}</text>
            <text x="55" y="100" text-anchor="middle" font-size="14" font-family="Noto Sans CJK SC, sans-serif" fill="#fff" font-weight="bold">{X(status)}</text>
            </svg>
            """;
    }

    /// <summary>Characters per organizer line on the image.</summary>
    public const int OrganizerLineLength = 7;

    // Two balanced lines of user-perceived characters; a name longer than two lines ends in "…".
    internal static (string First, string Second) OrganizerLines(string name)
    {
        var elements = new List<string>();
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(name);
        while (e.MoveNext())
        {
            elements.Add(e.GetTextElement());
        }

        if (elements.Count <= OrganizerLineLength)
        {
            return (name, string.Empty);
        }

        if (elements.Count > 2 * OrganizerLineLength)
        {
            elements = [.. elements.Take((2 * OrganizerLineLength) - 1), "…"];
        }

        var split = (elements.Count + 1) / 2;
        return (string.Concat(elements.Take(split)), string.Concat(elements.Skip(split)));
    }

    // No document.write, no inline handlers, and it works loaded async: it finds its own tag by data attribute.
    public static string Script(string badgeId, Uri certificateUrl, Uri imageUrl, string alt)
    {
        string J(string value) => JsonSerializer.Serialize(value, ScriptJson.Options);
        return $$"""
            (function () {
              "use strict";
              var id = {{J(badgeId)}}, href = {{J(certificateUrl.AbsoluteUri)}}, src = {{J(imageUrl.AbsoluteUri)}}, alt = {{J(alt)}};
              var tags = document.querySelectorAll("script[data-badge-id]");
              for (var i = 0; i < tags.length; i++) {
                var tag = tags[i];
                if (tag.getAttribute("data-badge-id") !== id || tag.getAttribute("data-badge-rendered")) { continue; }
                tag.setAttribute("data-badge-rendered", "1");
                var link = document.createElement("a");
                link.href = href; link.target = "_blank"; link.rel = "noopener"; link.className = "online-badge-link";
                var img = document.createElement("img");
                img.src = src; img.alt = alt; img.width = {{Width}}; img.height = {{Height}};
                link.appendChild(img);
                tag.parentNode.insertBefore(link, tag.nextSibling);
              }
            })();
            """;
    }

    private static string X(string value) => System.Security.SecurityElement.Escape(value);

    private static class ScriptJson
    {
        public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default };
    }
}
