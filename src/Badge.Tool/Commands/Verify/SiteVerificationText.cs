using System.Globalization;
using System.Text;
using Badge.Sdk.Verification;

namespace Badge.Tool.Commands.Verify;

/// <summary>A site's verification result as the tool prints it: text for a person, a JSON summary for a pipe and the .jsonl report.</summary>
internal static class SiteVerificationText
{
    public static object Summary(SiteVerificationResult r) => new
    {
        site = r.Site.ToString(),
        outcome = r.Outcome.ToString(),
        presentation = r.Presentation.ToString(),
        badge = r.BadgeId,
        organizer = r.Certificate?.OrganizerName.Value,
        findings = r.Findings.Select(f => new { code = f.Code, message = f.Message, zh = f.ChineseMessage }),
        notices = r.Notices.Select(f => new { code = f.Code, message = f.Message, zh = f.ChineseMessage }),
    };

    public static string Describe(SiteVerificationResult r)
    {
        var text = new StringBuilder();
        text.Append(r.Outcome switch
        {
            SiteVerificationOutcome.Pass => "✓ pass",
            SiteVerificationOutcome.Findings => "✗ findings",
            _ => "? could not check",
        }).Append("  ").Append(r.Site);
        if (r.Certificate is { } c)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  badge {c.BadgeId} ({r.Presentation}), organizer {c.OrganizerName}, status {c.Status}");
        }

        foreach (var f in r.Findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  - [{f.Code}] {f.Message}\n    {f.ChineseMessage}");
        }

        foreach (var n in r.Notices)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  i [{n.Code}] {n.Message}\n    {n.ChineseMessage}");
        }

        return text.ToString();
    }
}
