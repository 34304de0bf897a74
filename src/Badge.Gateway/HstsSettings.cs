namespace Badge.Gateway;

/// <summary>
/// The gateway's own key of the <c>Gateway:Hsts</c> section; the rest of the section is ASP.NET Core's HstsOptions,
/// which checks itself. A flag has no wrong value, so there is nothing to validate here.
/// </summary>
internal sealed class HstsSettings
{
    public bool Enabled { get; set; }
}
