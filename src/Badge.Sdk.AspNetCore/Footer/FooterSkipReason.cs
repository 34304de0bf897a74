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
