using Badge.Sdk.Identity;

namespace Badge.Authority.Api;

/// <summary>RFC 9457 problem details with the protocol's <c>code</c>, <c>field</c> and <c>reason</c> extensions.</summary>
internal static class Problems
{
    public static IResult Create(int status, string code, string? field, string detail, string? reason = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null)
        {
            extensions["field"] = field;
        }

        if (reason is not null)
        {
            extensions["reason"] = reason;
        }

        return TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: Title(status),
            type: $"https://badge.sdk/problems/{code.Replace('_', '-')}",
            extensions: extensions);
    }

    public static IResult Invalid(string field, string code, string detail, string? reason = null) =>
        Create(StatusCodes.Status400BadRequest, code, field, detail, reason);

    public static IResult Missing(string field) =>
        Create(StatusCodes.Status400BadRequest, "missing_field", field, $"'{field}' is required");

    public static IResult FromIdentity(string field, IdentityProblem problem)
    {
        var code = problem.Code switch
        {
            var c when c.StartsWith("uscc.", StringComparison.Ordinal) => "invalid_uscc",
            var c when c.StartsWith("domain.", StringComparison.Ordinal) => "invalid_domain",
            IdentityProblemCodes.NameTooLong => "name_too_long",
            var c when c.StartsWith("platform.", StringComparison.Ordinal) => "invalid_platform",
            _ when field.Contains("name", StringComparison.OrdinalIgnoreCase) => "invalid_name",
            _ => "invalid_field",
        };
        return Invalid(field, code, $"{field}: {problem.Message}", problem.Code);
    }

    public static IResult Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "unauthorized", null, $"this call needs a valid API key in the {Security.ApiKeys.Header} header");

    public static IResult Forbidden(string detail, string code = "forbidden") => Create(StatusCodes.Status403Forbidden, code, null, detail);

    public static IResult UnknownBadge(string id) => Create(StatusCodes.Status404NotFound, "unknown_badge", "id", $"no badge has the id '{id}'");

    public static Task Write(HttpContext context, IResult result) => result.ExecuteAsync(context);

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        422 => "Unprocessable request",
        _ => "Error",
    };
}
