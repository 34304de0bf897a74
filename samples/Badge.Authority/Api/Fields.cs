using Badge.Sdk.Identity;

namespace Badge.Authority.Api;

/// <summary>Reading the request's fields into the SDK's typed values, with a problem naming the field when one is missing or malformed.</summary>
internal static class Fields
{
    private const int MaxIdLength = 128;

    public static IResult? Uscc(string? value, string field, out UnifiedSocialCreditCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problems.Missing(field);
        }

        var result = UnifiedSocialCreditCode.Validate(value);
        if (!result.IsValid)
        {
            return Problems.Invalid(field, "invalid_uscc", $"{field}: {string.Join("; ", result.Problems.Select(p => p.Message))}", result.Problems[0].Code);
        }

        code = result.Code.Value;
        return null;
    }

    public static IResult? Name<T>(string? value, string field, out T name)
        where T : struct, IParsable<T>
    {
        name = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problems.Missing(field);
        }

        IdentityProblem? problem;
        bool ok;
        if (typeof(T) == typeof(OrganizerName))
        {
            ok = OrganizerName.TryParse(value, out var parsed, out problem);
            name = (T)(object)parsed;
        }
        else
        {
            ok = OnlineName.TryParse(value, out var parsed, out problem);
            name = (T)(object)parsed;
        }

        return ok ? null : Problems.FromIdentity(field, problem!);
    }

    public static IResult? Domain(string? value, string field, out SiteDomain domain)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            domain = default;
            return Problems.Missing(field);
        }

        return SiteDomain.TryParse(value, out domain, out var problem) ? null : Problems.FromIdentity(field, problem);
    }

    public static IResult? Platform(string? value, string field, out PlatformId platform)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            platform = default;
            return Problems.Missing(field);
        }

        return PlatformId.TryParse(value, out platform, out var problem) ? null : Problems.FromIdentity(field, problem);
    }

    public static IResult? Identifier(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problems.Missing(field);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxIdLength)
        {
            return Problems.Invalid(field, "invalid_field", $"{field}: give 1-{MaxIdLength} characters without control characters");
        }

        return InputRules.InvisibleCharacter(field, trimmed);
    }

    // Legacy ids are hexadecimal and compared in lower case; new ids are lower case already.
    public static string BadgeId(string id) => id.Trim().ToLowerInvariant();
}
