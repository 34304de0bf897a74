namespace Badge.Gateway.Tests;

/// <summary>
/// nginx and php-fpm from Debian. Where one is missing the tests skip with the reason, unless
/// BADGE_REQUIRE_SYSTEM_PACKAGES=1 (set by .ci/run), where they fail — as the browser tests do for Chromium.
/// </summary>
internal static class SystemPackages
{
    public static string? Nginx => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null;

    public static string? PhpFpm => Directory.Exists("/usr/sbin")
        ? Directory.GetFiles("/usr/sbin", "php-fpm*").Order(StringComparer.Ordinal).LastOrDefault()
        : null;

    /// <summary>Skips (or on CI fails) the test when a package it needs is missing.</summary>
    public static void Require(string? missingReason)
    {
        if (missingReason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("BADGE_REQUIRE_SYSTEM_PACKAGES") == "1")
        {
            Assert.Fail(missingReason + " BADGE_REQUIRE_SYSTEM_PACKAGES=1 makes this a failure.");
        }

        Assert.Skip(missingReason);
    }

    public static string? Missing(bool php)
    {
        var missing = new List<string>();
        if (Nginx is null)
        {
            missing.Add("nginx");
        }

        if (php && PhpFpm is null)
        {
            missing.Add("php-fpm");
        }

        return missing.Count == 0 ? null : $"{string.Join(" and ", missing)} not installed (apt-get install {string.Join(' ', missing)}).";
    }
}
