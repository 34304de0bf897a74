using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace Badge.Authority.Api;

/// <summary>
/// Strict reading of request bodies: no duplicate or unknown properties, enums by name only (the SDK's converters),
/// and a body that does not bind answers a problem naming the field and its JSON path, not a bare 400.
/// </summary>
internal static partial class StrictInput
{
    public static IServiceCollection AddStrictInput(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadBodyHandler>();
        return services;
    }

    /// <summary>The problem for a request that did not bind.</summary>
    public static IResult Problem(BadHttpRequestException exception)
    {
        if (exception.InnerException is not JsonException json)
        {
            var status = exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : StatusCodes.Status400BadRequest;
            return Problems.Create(status, status == StatusCodes.Status413PayloadTooLarge ? "body_too_large" : "invalid_body", "body",
                "body: " + exception.Message.TrimEnd('.') + ". Send one JSON object (Content-Type: application/json) as the API describes.");
        }

        var path = json.Path ?? "$";
        var unmapped = UnmappedProperty().Match(json.Message);
        if (unmapped.Success)
        {
            path = path == "$" ? "$." + unmapped.Groups[1].Value : path;
        }

        var field = path.Length > 2 ? path[2..] : "body";
        string reason;
        if (unmapped.Success)
        {
            reason = $"there is no property '{unmapped.Groups[1].Value}' in this request";
        }
        else if (json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            reason = "the property is given twice";
        }
        else if (ConvertedTo().Match(json.Message) is { Success: true } converted)
        {
            reason = Describe(converted.Groups[1].Value);
        }
        else
        {
            reason = "the body is not well-formed JSON here";
        }

        return Problems.Create(StatusCodes.Status400BadRequest, "invalid_body", field, $"{field}: {reason} (at {path})", path);
    }

    // For an enum the reason lists the names the protocol defines; integers are never accepted.
    private static string Describe(string typeName)
    {
        typeName = typeName.TrimEnd('.', '?');
        var type = typeof(Badge.Sdk.Certificates.BadgeKind).Assembly.GetType(typeName);
        if (type is { IsEnum: true })
        {
            var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);
            return $"give one of {string.Join(", ", names.Select(n => $"\"{n}\""))} as a string (numbers are not accepted)";
        }

        var simple = typeName[(typeName.LastIndexOf('.') + 1)..];
        return $"the value has the wrong type (expected {simple switch { "String" => "a string", "Boolean" => "true or false", "Int32" or "Int64" => "a number", _ => "an object or value of type " + simple }})";
    }

    [GeneratedRegex(@"JSON property '([^']{1,100})' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"could not be converted to ([\w.`\[\]+?]+)")]
    private static partial Regex ConvertedTo();

    private sealed class BadBodyHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }

            await Problem(bad).ExecuteAsync(httpContext);
            return true;
        }
    }
}
