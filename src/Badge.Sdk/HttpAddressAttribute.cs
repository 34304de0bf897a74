using System.ComponentModel.DataAnnotations;

namespace Badge.Sdk;

/// <summary>
/// An options property that must be an absolute <c>http</c> or <c>https</c> address when set (pair it with
/// <see cref="RequiredAttribute"/> when it must be set). Used by the source-generated options validators; the file is
/// linked into the other packages so each has its own internal copy.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class HttpAddressAttribute : ValidationAttribute
{
    public HttpAddressAttribute()
        : base("{0} must be an absolute http:// or https:// address, such as http://127.0.0.1:5280/.")
    {
    }

    public override bool IsValid(object? value) =>
        value is null || (value is Uri { IsAbsoluteUri: true } uri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
