namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>Endpoint metadata: responses of this endpoint never get the badge footer.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class SkipBadgeFooterAttribute : Attribute
{
}
