using System.Text;

namespace Badge.Sdk.AspNetCore.Tests.Footer.Scanning;

/// <summary>Random HTML documents full of the hard cases for finding the end of the body.</summary>
internal static class RandomHtml
{
    private static readonly string[] Words = ["政务", "公开", "news", "a < b", "x > y", "&amp;", "\"q\"", "'s'", "</bod", "body", "--", "-->"];

    // Markup as most pages are: double-quoted attributes, no quotes or bare '<' in text; the fast path's ground.
    private static readonly string[] RegularWords = ["政务公开工作要点", "关于印发通知", "news", "2026-11-28", "&lt;", "&amp;", "body", "--"];

    public static string Document(Random random, int size) => Document(random, size, regular: false);

    public static string Document(Random random, int size, bool regular)
    {
        var html = new StringBuilder();
        if (random.Next(4) > 0)
        {
            html.Append(random.Next(2) == 0 ? "<!DOCTYPE html>\n" : "<!doctype html>");
        }

        if (random.Next(6) == 0)
        {
            html.Append("<!-- generated </body> -->");
        }

        var closedHtml = random.Next(4) > 0;
        if (closedHtml)
        {
            html.Append("<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>标题 </body></title>");
            if (random.Next(2) == 0)
            {
                html.Append("<style>p::after{content:\"</body>\"}</style>");
            }

            html.Append("</head>");
        }

        html.Append(random.Next(5) == 0 ? "<BODY class=\"x\">" : "<body>");
        while (html.Length < size)
        {
            if (regular && random.Next(4) > 0)
            {
                RegularContent(html, random);
            }
            else
            {
                Content(html, random, depth: 0);
            }
        }

        if (random.Next(8) == 0)
        {
            // Unclosed elements at the end of the body. (Not <p>: the footer's <div> closes an open <p>, as any
            // block would, so content after </body> would land elsewhere; FooterInjector documents this.)
            html.Append(random.Next(2) == 0 ? "<div><span>open" : "<section>open <b>bold");
        }

        if (random.Next(10) == 0)
        {
            html.Append("<plaintext>");
        }

        var endTags = random.Next(10) == 0 ? 0 : 1 + random.Next(random.Next(4) == 0 ? 3 : 1);
        for (var i = 0; i < endTags; i++)
        {
            html.Append(EndBody(random));
            if (random.Next(2) == 0)
            {
                // Content after </body>, as statistics scripts often are.
                html.Append(random.Next(3) switch
                {
                    0 => "<script>var _hmt=[];/* </body> */</script>",
                    1 => "<!-- stats </body> -->",
                    _ => "\n",
                });
            }
        }

        if (closedHtml && random.Next(3) > 0)
        {
            html.Append("</html>");
        }

        return html.ToString();
    }

    private static void RegularContent(StringBuilder html, Random random)
    {
        var words = RegularWords[random.Next(RegularWords.Length)];
        switch (random.Next(6))
        {
            case 0:
                html.Append("<li class=\"item\"><a href=\"/xxgk/").Append(random.Next(1000)).Append(".html\" title=\"").Append(words)
                    .Append("\" target=\"_blank\">").Append(words).Append("</a><span class=\"date\">2026-11-").Append(random.Next(1, 29)).Append("</span></li>\n");
                break;
            case 1:
                html.Append("<div class=\"news\" data-id=\"").Append(random.Next()).Append("\"><p>").Append(words).Append("</p></div>");
                break;
            case 2:
                html.Append("<a href=\"/p?a=1&amp;b=2\" title=\"</body> <script> <!--\">链接</a>");
                break;
            case 3:
                html.Append("<img src=\"/img/").Append(random.Next(100)).Append(".png\" alt=\"a > b\" width=\"10\"><br>");
                break;
            case 4:
                html.Append("<table><tr><td class=\"c\">").Append(words).Append("</td><th>t</th></tr></table>");
                break;
            default:
                html.Append("<p>").Append(words).Append("</p>\n");
                break;
        }
    }

    private static string EndBody(Random random) => random.Next(6) switch
    {
        0 => "</BODY>",
        1 => "</body >",
        2 => "</Body\n>",
        3 => "</body class=\"a>b\">",
        _ => "</body>",
    };

    private static void Content(StringBuilder html, Random random, int depth)
    {
        switch (random.Next(depth > 2 ? 9 : 17))
        {
            case 0:
                html.Append(Words[random.Next(Words.Length)].Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
                break;
            case 1:
                html.Append("<!-- ").Append(random.Next(2) == 0 ? "</body>" : "<!-- x -- y").Append(" -->");
                break;
            case 2:
                html.Append("<script>").Append(random.Next(3) switch
                {
                    0 => "document.title='</body>';",
                    1 => "<!--<script>var a='</script>';</body></script>-->",
                    _ => "if (a<b && c>d) { x = \"</bo\" + \"dy>\"; }",
                }).Append("</script>");
                break;
            case 3:
                html.Append("<a href=\"/p?a=1&b=2\" title=\"").Append(random.Next(2) == 0 ? "</body>" : "a > b").Append("\">链接</a>");
                break;
            case 4:
                html.Append("<img alt='</body>' src=x.png>");
                break;
            case 5:
                html.Append("<textarea></body></textarea>");
                break;
            case 6:
                html.Append(random.Next(2) == 0 ? "<noscript></body></noscript>" : "<xmp></body></xmp>");
                break;
            case 7:
                html.Append("<span data-x=").Append(random.Next(2) == 0 ? "unquoted" : "'q\"uo>te'").Append(">s</span>");
                break;
            case 8:
                html.Append("<br/>\n");
                break;
            case 9:
                html.Append("<template><p></body></p></template>");
                break;
            case 10:
                // Attributes as old CMS pages write them: unquoted values next to quoted ones, spaces around '=',
                // missing white space between attributes, '/' and '=' inside unquoted values.
                html.Append(random.Next(6) switch
                {
                    0 => "<table width=100% border=0><tr><td width=50 height=\"20\" class=c>格</td></tr></table>",
                    1 => "<font size=+1 color=\"red\" face=宋体>字</font>",
                    2 => "<a href=/xxgk/1.html?a=b title=\"a > b </body>\" target=_blank>链</a>",
                    3 => "<input value = \"x>y\" name = q>",
                    4 => "<div class=\"a\"id=\"b\" data-x=\"</body>\">d</div>",
                    _ => "<p a=b/c d=\"</body>\" e=f=g>p</p>",
                });
                break;
            case 11:
                // SVG and MathML, where <plaintext> is an element, except inside an HTML integration point.
                html.Append(random.Next(6) switch
                {
                    0 => "<svg viewBox=\"0 0 2 2\"><plaintext>p</plaintext><path d=\"M0 0\"/></svg>",
                    1 => "<math><mi>x</mi><plaintext/></math>",
                    2 => "<svg><title>t</title><g><circle r=\"1\"/></g></svg>",
                    3 => "<svg><foreignObject><p>f</p></foreignObject><plaintext>q</plaintext></svg>",
                    4 => "<SVG><desc><b>b</b></desc><svg><plaintext/></svg></SVG>",
                    _ => "<svg><g><p>breakout</p><plaintext/>",
                });
                break;
            case 12:
                // A whole document pasted into an article: a real </body> in the middle of the page.
                html.Append("<div class=\"art\"><!DOCTYPE html><html><head><title>x</title></head><body><p>w</p></body></html></div>");
                break;
            case 13:
                html.Append(random.Next(20) == 0 ? "<frameset><frame src=\"a.html\"></frameset>" : "<svg><frameset/></svg>");
                break;
            default:
            {
                var tag = random.Next(3) switch { 0 => "div", 1 => "p", _ => "section" };
                html.Append('<').Append(tag).Append(" class=\"c").Append(random.Next(100)).Append("\">");
                var children = random.Next(4);
                for (var i = 0; i < children; i++)
                {
                    Content(html, random, depth + 1);
                }

                html.Append("</").Append(tag).Append('>');
                break;
            }
        }
    }
}
