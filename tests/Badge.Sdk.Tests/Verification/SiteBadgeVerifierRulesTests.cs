using Badge.Sdk.Identity;
using Badge.Sdk.Verification;

namespace Badge.Sdk.Tests.Verification;

// The verifier's pure decisions on crafted input: where the badge is on a page, and which redirects it follows.
public sealed class SiteBadgeVerifierRulesTests
{
    private const string Certificate = "http://127.0.0.1:5280/certificates/bdg-1";

    [Fact]
    public void AFooter_IsFoundWithItsIdAndLink()
    {
        var html = $"<html><body><p>content</p><div data-online-badge=\"bdg-1\"><a href=\"{Certificate}\"><img src=\"x.svg\"></a></div></body></html>";

        var found = SiteBadgeVerifier.FindBadge(html);

        Assert.Equal((BadgePresentation.Footer, "bdg-1", new Uri(Certificate)), (found.Presentation, found.BadgeId, found.Link));
        Assert.Equal(html.IndexOf("<div", StringComparison.Ordinal), found.Index);
        Assert.EndsWith("</div>", html.Substring(found.Index, found.Length), StringComparison.Ordinal);
        Assert.Equal(html.IndexOf("<body", StringComparison.Ordinal), found.BodyStart);
    }

    [Fact]
    public void AnEmbedCode_IsFoundWithItsIdAndScript()
    {
        var html = "<body><script src=\"http://127.0.0.1:5280/embed/bdg-2.js\" data-badge-id=\"bdg-2\"></script><noscript><a href=\"x\">标识</a></noscript></body>";

        var found = SiteBadgeVerifier.FindBadge(html);

        Assert.Equal((BadgePresentation.EmbedCode, "bdg-2", new Uri("http://127.0.0.1:5280/embed/bdg-2.js")), (found.Presentation, found.BadgeId, found.Link));
        Assert.EndsWith("</noscript>", html.Substring(found.Index, found.Length), StringComparison.Ordinal);
    }

    [Fact]
    public void AFooterAndAnEmbedCode_TheFooterWins()
    {
        var html = $"<body><script src=\"http://127.0.0.1:5280/e.js\" data-badge-id=\"bdg-2\"></script><div data-online-badge=\"bdg-1\"><a href=\"{Certificate}\">x</a></div>";

        Assert.Equal((BadgePresentation.Footer, "bdg-1"), (SiteBadgeVerifier.FindBadge(html).Presentation, SiteBadgeVerifier.FindBadge(html).BadgeId));
    }

    [Theory]
    [InlineData("<body><!-- <div data-online-badge=\"bdg-1\"><a href=\"http://127.0.0.1:5280/c\">x</a></div> --></body>")]
    [InlineData("<body><script>document.write('<div data-online-badge=\"bdg-1\"><a href=\"http://127.0.0.1:5280/c\">x</a></div>')</script></body>")]
    [InlineData("<body><div data-online-badge=\"bdg-1\">no link</div></body>")]
    [InlineData("<body><div data-online-badge=\"\"><a href=\"http://127.0.0.1:5280/c\">x</a></div></body>")]
    [InlineData("<body><script data-badge-id=\"bdg-2\"></script></body>")]
    public void MarkupThatIsNotABadge_IsNone(string html) =>
        Assert.Equal(BadgePresentation.None, SiteBadgeVerifier.FindBadge(html).Presentation);

    [Fact]
    public void AnEncodedId_IsDecoded() =>
        Assert.Equal("bdg-1", SiteBadgeVerifier.FindBadge($"<div data-online-badge=\"bdg&#45;1\"><a href=\"{Certificate}\">x</a></div>").BadgeId);

    [Theory]
    [InlineData("http://gov-a.test/", "http://www.gov-a.test/", true)]
    [InlineData("http://gov-a.test/", "https://gov-a.test/", true)]
    [InlineData("https://gov-a.test/", "https://www.gov-a.test/index.html", true)]
    [InlineData("http://gov-a.test:8080/", "http://gov-a.test:8080/home", true)]
    [InlineData("http://gov-a.test/", "http://gov-a.test:8080/", false)]
    [InlineData("http://gov-a.test/", "https://gov-a.test:8443/", false)]
    [InlineData("https://gov-a.test/", "http://gov-a.test/", false)]
    [InlineData("http://gov-a.test/", "http://evilgov-a.test/", false)]
    [InlineData("http://www.gov-a.test/", "http://gov-a.test.evil.test/", false)]
    public void ARedirect_IsFollowedOnlyWithinTheSite(string site, string next, bool followed) =>
        Assert.Equal(followed, SiteBadgeVerifier.SameSite(new Uri(site), new Uri(next), SiteDomain.Parse("gov-a.test")));
}
