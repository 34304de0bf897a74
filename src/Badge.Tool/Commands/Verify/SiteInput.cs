using System.Diagnostics.CodeAnalysis;
using Badge.Sdk.Identity;

namespace Badge.Tool.Commands.Verify;

/// <summary>
/// What a user gives for a site to check (its address, and the organizer and code its badge must show), on the
/// command line or in a CSV row: one set of rules, so a row is refused for the same reasons as an option.
/// </summary>
internal static class SiteInput
{
    /// <summary>An absolute http or https URL: nothing else is a site's address.</summary>
    public static bool TryParseAddress(string? value, [NotNullWhen(true)] out Uri? site)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out site) && (site.Scheme == Uri.UriSchemeHttp || site.Scheme == Uri.UriSchemeHttps))
        {
            return true;
        }

        site = null;
        return false;
    }

    /// <summary>An organizer name, or nothing when <paramref name="value"/> is blank; <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParseOrganizer(string? value, out OrganizerName? organizer, [NotNullWhen(false)] out string? problem)
    {
        organizer = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!OrganizerName.TryParse(value, out var parsed, out var p))
        {
            problem = p.Message;
            return false;
        }

        organizer = parsed;
        return true;
    }

    /// <summary>A unified social credit code, or nothing when <paramref name="value"/> is blank; <paramref name="problem"/> lists what is wrong.</summary>
    public static bool TryParseUscc(string? value, out UnifiedSocialCreditCode? uscc, [NotNullWhen(false)] out string? problem)
    {
        uscc = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var result = UnifiedSocialCreditCode.Validate(value);
        if (!result.IsValid)
        {
            problem = string.Join("; ", result.Problems.Select(x => x.Message));
            return false;
        }

        uscc = result.Code;
        return true;
    }

    /// <summary>Both expected values, as the options <c>--organizer</c> and <c>--uscc</c> give them; the problem names the option.</summary>
    public static bool TryParseExpected(string? organizer, string? uscc, out OrganizerName? expectedOrganizer, out UnifiedSocialCreditCode? expectedUscc, [NotNullWhen(false)] out string? problem)
    {
        expectedUscc = null;
        if (!TryParseOrganizer(organizer, out expectedOrganizer, out var organizerProblem))
        {
            problem = $"--organizer: {organizerProblem}";
            return false;
        }

        if (!TryParseUscc(uscc, out expectedUscc, out var usccProblem))
        {
            problem = $"--uscc: {usccProblem}";
            return false;
        }

        problem = null;
        return true;
    }
}
