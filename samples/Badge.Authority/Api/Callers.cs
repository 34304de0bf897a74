using Badge.Authority.Storage;

namespace Badge.Authority.Api;

/// <summary>Who may call: the checks on the caller's key the endpoints share.</summary>
internal static class Callers
{
    public static IResult? RequireAuthority(HttpContext context) => context.GetPrincipal().Role switch
    {
        PrincipalRole.Authority => null,
        PrincipalRole.Anonymous => Problems.Unauthorized(),
        _ => Problems.Forbidden("only the authority's own key may do this"),
    };

    public static IResult? OwnInstitution(HttpContext context, string uscc, out InstitutionRow institution, bool allowAuthority = false)
    {
        institution = null!;
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Anonymous)
        {
            return Problems.Unauthorized();
        }

        if (Fields.Uscc(uscc, "uscc", out var code) is { } problem)
        {
            return problem;
        }

        var own = principal.Role == PrincipalRole.Institution && principal.Subject == code.ToString();
        if (!own && !(allowAuthority && principal.Role == PrincipalRole.Authority))
        {
            return Problems.Forbidden($"this key may not act for {code}");
        }

        if (store(context).GetInstitution(code.ToString()) is not { } row)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "unknown_institution", "uscc", $"no institution with the code {code} is registered");
        }

        institution = row;
        return null;

        static IAuthorityStore store(HttpContext c) => c.RequestServices.GetRequiredService<IAuthorityStore>();
    }
}
