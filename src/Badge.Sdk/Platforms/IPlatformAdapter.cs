using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>
/// A platform's certification flows: for each account variant it supports, the ordered steps of the manual, the
/// prerequisites, the identity step and how the badge is attached. The built-in adapters cover WeChat official
/// accounts, mini programs, Weibo and Kuaishou; register your own with <c>services.AddBadgePlatform&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// The contract (checked by <c>Badge.Sdk.Testing</c>'s conformance kit): <see cref="Platform"/> is stable;
/// <see cref="Variants"/> is not empty and without duplicates; <see cref="GetFlow"/> returns, for each of them, a
/// flow for that platform and variant whose steps are numbered 1..n with unique ids, with exactly one identity step
/// when the badge is attached after review and none when it comes from the census; and it throws
/// <see cref="NotSupportedException"/> naming the variant for any other. Flows are the same on every call.
/// </remarks>
public interface IPlatformAdapter
{
    /// <summary>The platform.</summary>
    PlatformId Platform { get; }

    /// <summary>Its name, as its users know it (for example 微博).</summary>
    string DisplayName { get; }

    /// <summary>The account variants it has a flow for.</summary>
    IReadOnlyList<AccountVariant> Variants { get; }

    /// <summary>The flow for a variant.</summary>
    /// <param name="variant">The account variant.</param>
    /// <returns>The flow.</returns>
    /// <exception cref="NotSupportedException">The platform has no flow for the variant.</exception>
    CertificationFlow GetFlow(AccountVariant variant);
}
