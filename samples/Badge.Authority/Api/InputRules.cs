using System.Globalization;
using System.Text;
using Badge.Authority.Storage;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;

namespace Badge.Authority.Api;

/// <summary>Checks of input shared by the endpoints: what the registry says, and what an id may hold.</summary>
internal static class InputRules
{
    /// <summary>
    /// The organizer name is the institution's registered name: omitted, the registered name is used; given, it must
    /// be the registered name as <see cref="OrganizerName"/> compares (NFKC-folded, white space collapsed).
    /// </summary>
    public static IResult? RegisteredOrganizer(string? value, InstitutionRow institution, string field, out OrganizerName organizer)
    {
        var registered = OrganizerName.Parse(institution.Name);
        organizer = registered;
        if (value is null)
        {
            return null;
        }

        if (!OrganizerName.TryParse(value, out var given, out var problem))
        {
            return Problems.FromIdentity(field, problem);
        }

        if (given != registered)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.OrganizerMismatch, field,
                $"{field}: '{given}' is not the registered name of {institution.Uscc}, which is '{registered}'; omit the field and the registered name is used");
        }

        return null;
    }

    /// <summary>A well-formed platform id must also name a platform registered with the authority.</summary>
    public static IResult? RegisteredPlatform(IAuthorityStore store, PlatformId platform, string field) =>
        store.GetPlatformName(platform.Value) is null
            ? Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.UnknownPlatform, field,
                $"{field}: no platform '{platform}' is registered with the authority")
            : null;

    /// <summary>
    /// Ids (accounts, operators, administrators) refuse what cannot be seen: controls (Cc), format characters (Cf:
    /// U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE, U+2066…), line and paragraph separators, lone
    /// surrogates, private-use and unassigned code points.
    /// </summary>
    public static IResult? InvisibleCharacter(string field, string value)
    {
        var position = 0;
        foreach (var rune in EnumerateRunes(value))
        {
            position++;
            if (rune is not { } r)
            {
                return Problems.Invalid(field, "invalid_field", $"{field}: a lone surrogate at character {position} is not text", "id.invalid_character");
            }

            var category = Rune.GetUnicodeCategory(r);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate)
            {
                return Problems.Invalid(field, "invalid_field",
                    $"{field}: U+{r.Value:X4} ({category}) at character {position} is not allowed in an id: it is invisible or reorders text",
                    "id.invalid_character");
            }
        }

        return null;
    }

    /// <summary>A value outside the enum's defined names (only reachable if a converter let it through).</summary>
    public static IResult UndefinedEnum<T>(string field, T value)
        where T : struct, Enum =>
        Problems.Invalid(field, "invalid_field", $"{field}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}");

    // Badges go to government organs and public institutions the registry knows: null when the code is not one.
    public static InstitutionRow? EligibleInstitution(UnifiedSocialCreditCode uscc, IAuthorityStore store, AuthorityOptions options) =>
        options.EligibleCategories.Contains(string.Concat(uscc.RegistrationAuthority, uscc.Category), StringComparer.Ordinal)
            ? store.GetInstitution(uscc.ToString())
            : null;

    // Why EligibleInstitution found none: the code's category, or no registered institution with it.
    public static IResult IneligibleOrUnknown(UnifiedSocialCreditCode uscc, AuthorityOptions options)
    {
        var category = string.Concat(uscc.RegistrationAuthority, uscc.Category);
        return options.EligibleCategories.Contains(category, StringComparer.Ordinal)
            ? Problems.Create(StatusCodes.Status404NotFound, "unknown_institution", "uscc", $"no institution with the code {uscc} is registered")
            : Problems.Create(
                StatusCodes.Status422UnprocessableEntity, "institution_not_eligible", "uscc",
                $"badges are issued to government organs (11) and public institutions (12); {uscc} is category {category} ({uscc.Kind.ToChineseName()})");
    }

    private static IEnumerable<Rune?> EnumerateRunes(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                yield return null;
                yield break;
            }

            yield return rune;
            i += consumed;
        }
    }
}
