namespace Badge.Sdk.AspNetCore.Footer.Scanning;

// Foreign content (SVG, MathML): just enough of the tree builder's rules to know where <plaintext> is an element.
internal sealed partial class HtmlEndOfBodyTokenizer
{
    // A start tag inside foreign content: updates the context and says whether the HTML rules apply to it (raw text,
    // plaintext, template, frameset).
    private bool StartTagInForeign(ReadOnlySpan<byte> name, bool selfClosing)
    {
        if (_integration)
        {
            // HTML rules inside an integration point; only leaving foreign content is tracked.
            return !name.SequenceEqual("svg"u8) && !name.SequenceEqual("math"u8) && !name.SequenceEqual("frameset"u8);
        }

        if (IsBreakout(name))
        {
            // The tree builder pops out of foreign content and reads the tag as HTML.
            _foreign = 0;
            UpdateExactOnly();
            return true;
        }

        if (selfClosing)
        {
            return false;
        }

        if (name.SequenceEqual("svg"u8) || name.SequenceEqual("math"u8))
        {
            _foreign++;
        }
        else if (IntegrationPoint(name) is > 0 and var kind)
        {
            _integration = true;
            _integrationKind = kind;
        }

        return false;
    }

    private void EndTagInForeign(ReadOnlySpan<byte> name)
    {
        if (_integration && IntegrationPoint(name) == _integrationKind)
        {
            _integration = false;
        }
        else if (name.SequenceEqual("svg"u8) || name.SequenceEqual("math"u8))
        {
            _integration = false;
            _foreign--;
        }
        else if (!_integration && (IsBreakout(name) || IsHtmlContainer(name)))
        {
            // </p>, </br> break out; the end tag of an HTML element around the <svg> closes it too.
            _foreign = 0;
        }

        UpdateExactOnly();
    }

    // The start tags that end foreign content (WHATWG "in foreign content"; <font> counted always).
    private static bool IsBreakout(ReadOnlySpan<byte> name) => name.Length switch
    {
        1 => name[0] is (byte)'b' or (byte)'i' or (byte)'p' or (byte)'s' or (byte)'u',
        2 => name.SequenceEqual("br"u8) || name.SequenceEqual("dd"u8) || name.SequenceEqual("dl"u8) || name.SequenceEqual("dt"u8)
            || name.SequenceEqual("em"u8) || name.SequenceEqual("hr"u8) || name.SequenceEqual("li"u8) || name.SequenceEqual("ol"u8)
            || name.SequenceEqual("tt"u8) || name.SequenceEqual("ul"u8)
            || (name[0] == 'h' && name[1] is >= (byte)'1' and <= (byte)'6'),
        3 => name.SequenceEqual("big"u8) || name.SequenceEqual("div"u8) || name.SequenceEqual("img"u8) || name.SequenceEqual("pre"u8)
            || name.SequenceEqual("sub"u8) || name.SequenceEqual("sup"u8) || name.SequenceEqual("var"u8),
        4 => name.SequenceEqual("body"u8) || name.SequenceEqual("code"u8) || name.SequenceEqual("font"u8) || name.SequenceEqual("head"u8)
            || name.SequenceEqual("menu"u8) || name.SequenceEqual("meta"u8) || name.SequenceEqual("nobr"u8) || name.SequenceEqual("ruby"u8)
            || name.SequenceEqual("span"u8),
        5 => name.SequenceEqual("embed"u8) || name.SequenceEqual("small"u8) || name.SequenceEqual("table"u8),
        6 => name.SequenceEqual("center"u8) || name.SequenceEqual("strike"u8) || name.SequenceEqual("strong"u8),
        7 => name.SequenceEqual("listing"u8),
        10 => name.SequenceEqual("blockquote"u8),
        _ => false,
    };

    // HTML elements an <svg> or <math> commonly sits in: their end tag closes the foreign element left open.
    private static bool IsHtmlContainer(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("td"u8) || name.SequenceEqual("th"u8) || name.SequenceEqual("tr"u8) || name.SequenceEqual("section"u8)
        || name.SequenceEqual("article"u8) || name.SequenceEqual("form"u8) || name.SequenceEqual("button"u8) || name.SequenceEqual("label"u8)
        || name.SequenceEqual("header"u8) || name.SequenceEqual("footer"u8) || name.SequenceEqual("nav"u8) || name.SequenceEqual("main"u8)
        || name.SequenceEqual("aside"u8) || name.SequenceEqual("figure"u8) || name.SequenceEqual("html"u8);

    // Which HTML integration point the name is (1..8), or 0.
    private static int IntegrationPoint(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("foreignobject"u8) ? 1
        : name.SequenceEqual("desc"u8) ? 2
        : name.SequenceEqual("annotation-xml"u8) ? 3
        : name.SequenceEqual("mi"u8) ? 4
        : name.SequenceEqual("mo"u8) ? 5
        : name.SequenceEqual("mn"u8) ? 6
        : name.SequenceEqual("ms"u8) ? 7
        : name.SequenceEqual("mtext"u8) ? 8
        : 0;
}
