using System.Collections.Frozen;

namespace Badge.Sdk.AspNetCore.Footer.Scanning;

// The WHATWG encodings whose bytes below 0x80 always mean ASCII, by label: into these the ASCII fragment can be
// written as is. UTF-16, ISO-2022-JP, "replacement" and unknown labels are not, and such pages pass untouched.
internal static class Charsets
{
    private static readonly FrozenSet<string> Compatible = new[]
    {
        "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8",
        "gbk", "gb2312", "gb_2312", "gb_2312-80", "chinese", "csgb2312", "csiso58gb231280", "iso-ir-58", "x-gbk", "gb18030",
        "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5",
        "shift_jis", "csshiftjis", "ms932", "ms_kanji", "sjis", "windows-31j", "x-sjis",
        "euc-jp", "cseucpkdfmtjapanese", "x-euc-jp",
        "euc-kr", "cseuckr", "csksc56011987", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949",
        "us-ascii", "ascii", "ansi_x3.4-1968", "latin1", "l1", "cp819", "ibm819", "iso_8859-1", "iso8859-1", "iso88591", "csisolatin1", "iso-ir-100",
        "koi8-r", "koi8-u", "koi8", "koi", "koi8_r", "cskoi8r", "koi8-ru",
        "macintosh", "mac", "x-mac-roman", "csmacintosh", "x-mac-cyrillic", "x-mac-ukrainian",
        "ibm866", "866", "cp866", "csibm866", "windows-874", "dos-874", "tis-620", "iso-8859-11", "x-user-defined",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsAsciiCompatible(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return true;
        }

        var value = label.Trim().Trim('"', '\'');
        return Compatible.Contains(value)
            || value.StartsWith("iso-8859-", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("iso8859-", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("windows-125", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("cp125", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("x-cp125", StringComparison.OrdinalIgnoreCase);
    }
}
