using System.Text;
using Badge.Sdk.Verification;

namespace Badge.Sdk.Tests.Verification;

// The verifier reads a page in the encoding a browser would pick: BOM, then the header's charset, then a <meta> in
// the first 1024 bytes, else UTF-8; labels browsers ignore are ignored.
public sealed class PageDecoderTests
{
    private const string Chinese = "万载县人民政府网";

    private static readonly Encoding Gbk = CodePagesEncodingProvider.Instance.GetEncoding("gbk")!;

    private static string Decode(byte[] bytes, string? header = null) => PageDecoder.Decode(new ArraySegment<byte>(bytes), header);

    [Fact]
    public void TheHeadersCharset_DecodesTheBody() =>
        Assert.Equal(Chinese, Decode(Gbk.GetBytes(Chinese), "GBK"));

    [Fact]
    public void AByteOrderMark_WinsOverTheHeader() =>
        Assert.Equal(Chinese, Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Chinese)], "gbk"));

    [Fact]
    public void AMetaCharset_IsUsedWithoutAHeader()
    {
        var page = Gbk.GetBytes($"<html><head><meta charset=\"gb2312\"><title>{Chinese}</title>");

        Assert.Contains(Chinese, Decode(page), StringComparison.Ordinal);
    }

    [Fact]
    public void AnHttpEquivContentType_IsUsedWithoutAHeader()
    {
        var page = Gbk.GetBytes($"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"><p>{Chinese}</p>");

        Assert.Contains(Chinese, Decode(page), StringComparison.Ordinal);
    }

    [Fact]
    public void AMetaAfterTheFirst1024Bytes_IsNotLookedFor()
    {
        var page = Gbk.GetBytes(new string(' ', 1100) + $"<meta charset=\"gbk\"><p>{Chinese}</p>");

        Assert.DoesNotContain(Chinese, Decode(page), StringComparison.Ordinal);
    }

    [Fact]
    public void TheHeader_WinsOverAMeta()
    {
        var page = Encoding.UTF8.GetBytes($"<meta charset=\"gbk\"><p>{Chinese}</p>");

        Assert.Contains(Chinese, Decode(page, "utf-8"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF7")]
    [InlineData("utf-32")]
    [InlineData("hz-gb-2312")]
    [InlineData("no-such-charset")]
    [InlineData("")]
    public void ALabelBrowsersIgnore_ResolvesToNothing(string label) =>
        Assert.Null(PageDecoder.Resolve(label, fromMeta: false));

    [Fact]
    public void Utf16NamedByAMeta_MeansUtf8() =>
        Assert.Equal(Encoding.UTF8.CodePage, PageDecoder.Resolve("utf-16", fromMeta: true)!.CodePage);

    [Fact]
    public void Utf16NamedByTheHeader_IsHonoured() =>
        Assert.Equal(Encoding.Unicode.CodePage, PageDecoder.Resolve("utf-16", fromMeta: false)!.CodePage);

    [Fact]
    public void AQuotedLabelWithSpaces_IsRead() =>
        Assert.Equal(Gbk.CodePage, PageDecoder.Resolve(" \"gbk\" ", fromMeta: false)!.CodePage);
}
