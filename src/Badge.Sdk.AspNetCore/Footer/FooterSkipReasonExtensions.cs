namespace Badge.Sdk.AspNetCore.Footer;

internal static class FooterSkipReasonExtensions
{
    // The stable text of the `reason` metric tag and the log line.
    public static string ToTag(this FooterSkipReason reason) => reason switch
    {
        FooterSkipReason.Status => "status",
        FooterSkipReason.NotHtml => "not-html",
        FooterSkipReason.Charset => "charset",
        FooterSkipReason.Range => "range",
        FooterSkipReason.NoTransform => "no-transform",
        FooterSkipReason.OptedOut => "opted-out",
        FooterSkipReason.ContentEncoding => "content-encoding",
        _ => "none",
    };
}
