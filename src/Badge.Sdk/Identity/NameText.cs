using System.Globalization;
using System.Text;

namespace Badge.Sdk.Identity;

// The rules OnlineName and OrganizerName share: canonical text (trimmed, NFC) and the comparison key
// (NFKC, white-space runs collapsed to one space).
internal static class NameText
{
    public const int MaxTextElements = 100;

    // A longer input cannot be 100 text elements of any sensible shape; refuse before normalising it.
    private const int MaxInputChars = 2048;

    public static IdentityProblem? Check(string? input, string label, string chineseLabel, out string? canonical, out string? key)
    {
        canonical = null;
        key = null;
        var trimmed = UnifiedSocialCreditCode.TrimWhite(input.AsSpan());
        if (trimmed.IsEmpty)
        {
            return new IdentityProblem(IdentityProblemCodes.Empty, $"the {label} is empty", $"{chineseLabel}为空");
        }

        if (trimmed.Length > MaxInputChars)
        {
            return TooLong(label, chineseLabel, trimmed.Length);
        }

        var text = trimmed.ToString();
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }

        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            position++;
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
            {
                return new IdentityProblem(
                    IdentityProblemCodes.NameForbiddenCharacter,
                    $"the {label} holds U+{rune.Value:X4} ({Describe(category)}) at character {position}, which is not allowed",
                    $"{chineseLabel}第 {position} 个字符 U+{rune.Value:X4} 为不可见的控制或格式字符，不允许使用",
                    position);
            }
        }

        var elements = new StringInfo(text).LengthInTextElements;
        if (elements > MaxTextElements)
        {
            return TooLong(label, chineseLabel, elements);
        }

        canonical = text;
        key = Fold(text);
        return null;
    }

    private static string Fold(string text)
    {
        var folded = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var inSpace = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                inSpace = true;
                continue;
            }

            if (inSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            inSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Describe(UnicodeCategory category) => category switch
    {
        UnicodeCategory.Control => "a control character",
        UnicodeCategory.Format => "an invisible format character such as a zero-width or bidirectional mark",
        UnicodeCategory.Surrogate => "a broken surrogate",
        _ => "a line or paragraph separator",
    };

    private static IdentityProblem TooLong(string label, string chineseLabel, int length) => new(
        IdentityProblemCodes.NameTooLong,
        $"the {label} is {length} characters long; at most {MaxTextElements} are allowed",
        $"{chineseLabel}长 {length} 个字符，最多 {MaxTextElements} 个");
}
