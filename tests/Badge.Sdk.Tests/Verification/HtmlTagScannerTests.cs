using Badge.Sdk.Verification;

namespace Badge.Sdk.Tests.Verification;

// The verifier's tag walker on crafted markup: what a browser's tokenizer treats as text is not a tag.
public sealed class HtmlTagScannerTests
{
    private static List<string> Names(string html) => [.. HtmlTagScanner.StartTags(html).Select(t => t.Name)];

    [Fact]
    public void StartTags_AreLowerCased_AndEndTagsSkipped() =>
        Assert.Equal(["html", "body", "div"], Names("<HTML><Body><DIV class=x>text</DIV></body></html>"));

    [Fact]
    public void CommentsDoctypesAndProcessingInstructions_AreNotTags() =>
        Assert.Equal(["p"], Names("<!DOCTYPE html><?xml version=\"1.0\"?><!-- <div data-online-badge=\"x\"> --><p>"));

    [Theory]
    [InlineData("script")]
    [InlineData("style")]
    [InlineData("textarea")]
    [InlineData("title")]
    public void TheContentOfARawTextElement_IsText(string element) =>
        Assert.Equal([element, "p"], Names($"<{element}>var s = '<div data-online-badge=\"x\">';</{element.ToUpperInvariant()}><p>"));

    [Fact]
    public void AQuotedGreaterThan_DoesNotEndTheTag()
    {
        var html = "<a title=\"1 > 0\" href='/x'>";

        var tag = Assert.Single(HtmlTagScanner.StartTags(html));

        Assert.True(HtmlTagScanner.TryGetAttribute(html, tag, "href", out var href));
        Assert.Equal(("/x", html.Length), (href, tag.End));
    }

    [Fact]
    public void ATagLeftOpenAtTheEnd_IsDropped() =>
        Assert.Equal(["p"], Names("<p>text<div data-online-badge=\"x\""));

    [Theory]
    [InlineData("<div DATA-ONLINE-BADGE=\"bdg-1\">", "bdg-1")]
    [InlineData("<div data-online-badge='bdg-1'>", "bdg-1")]
    [InlineData("<div data-online-badge=bdg-1>", "bdg-1")]
    [InlineData("<div data-online-badge>", "")]
    [InlineData("<div class=\"data-online-badge=bdg-1\">", null)]
    public void Attributes_AreFoundByName_CaseInsensitively(string html, string? expected)
    {
        var tag = HtmlTagScanner.StartTags(html).Single();

        var found = HtmlTagScanner.TryGetAttribute(html, tag, "data-online-badge", out var value);

        Assert.Equal(expected, found ? value : null);
    }

    [Fact]
    public void StartTags_FromAnOffset_SkipWhatCameBefore() =>
        Assert.Equal(["b"], [.. HtmlTagScanner.StartTags("<a><b>", 3).Select(t => t.Name)]);
}
