namespace Badge.Sdk.AspNetCore.Footer;

// Why a response passes through without the footer. `NotHtml` is the ordinary case (images, JSON, scripts) and is
// neither logged nor counted; every other reason is, under the tag `ToTag` gives.
internal enum FooterSkipReason
{
    None,
    Status,
    NotHtml,
    Charset,
    Range,
    NoTransform,
    OptedOut,
    ContentEncoding,
}

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
