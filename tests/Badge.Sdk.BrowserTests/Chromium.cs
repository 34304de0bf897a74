using Microsoft.Playwright;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download). Where it is missing the tests skip with the reason,
/// unless BADGE_REQUIRE_SYSTEM_PACKAGES=1 (set by .ci/run), where they fail.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Path))
        {
            Missing($"Chromium is not installed at {Path} (apt-get install chromium fonts-noto-cjk).");
        }

        if (!HasChineseFont())
        {
            Missing("No Chinese font is installed, so Chinese text (the badge's included) would render as boxes (apt-get install fonts-noto-cjk).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.test 127.0.0.1",
            ],
        });
        return (playwright, browser);
    }

    private static void Missing(string reason)
    {
        if (Environment.GetEnvironmentVariable("BADGE_REQUIRE_SYSTEM_PACKAGES") == "1")
        {
            Assert.Fail(reason + " BADGE_REQUIRE_SYSTEM_PACKAGES=1 makes this a failure.");
        }

        Assert.Skip(reason);
    }

    // fontconfig (which Chromium uses) knows a font for Chinese.
    private static bool HasChineseFont()
    {
        try
        {
            using var fcList = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("fc-list", ":lang=zh family")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var output = fcList.StandardOutput.ReadToEnd();
            fcList.WaitForExit();
            return output.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no fontconfig: no font Chromium could use either
        }
    }

    public static string ArtifactPath(string name)
    {
        var directory = System.IO.Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        return System.IO.Path.Combine(directory, name);
    }
}
