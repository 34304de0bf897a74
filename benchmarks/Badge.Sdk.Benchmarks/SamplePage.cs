using System.Text;

namespace Badge.Sdk.Benchmarks;

/// <summary>A realistic government home page of a given size: navigation, news lists, scripts, comments, a footer.</summary>
internal static class SamplePage
{
    public static byte[] Create(int size)
    {
        var html = new StringBuilder(size + 4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>万载县人民政府网</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/css/site.css\">\n<script src=\"/js/jquery.min.js\"></script>\n")
            .Append("<style>.nav li{float:left;margin:0 8px}.news a{color:#333}</style>\n</head>\n<body>\n")
            .Append("<div class=\"header\"><img src=\"/img/logo.png\" alt=\"万载县人民政府\"><ul class=\"nav\">");
        var item = 0;
        var bytes = Encoding.UTF8.GetByteCount(html.ToString());
        while (bytes < size - 1100)
        {
            item++;
            var before = html.Length;
            html.Append("<li class=\"item\"><a href=\"/xxgk/2026/").Append(item).Append(".html\" title=\"关于印发《万载县2026年政务公开工作要点》的通知\" target=\"_blank\">")
                .Append("关于印发《万载县2026年政务公开工作要点》的通知</a><span class=\"date\">2026-11-").Append(item % 28 + 1).Append("</span></li>\n");
            if (item % 25 == 0)
            {
                html.Append("</ul>\n<!-- 栏目 ").Append(item).Append(" -->\n<div class=\"news\"><p>为深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，进一步提升政务公开质量和实效。</p></div>\n<ul class=\"list\">");
            }

            bytes += Encoding.UTF8.GetByteCount(html.ToString(before, html.Length - before));
        }

        html.Append("</ul></div>\n<div class=\"footer\"><p>主办：万载县人民政府办公室　网站标识码：3609220001</p></div>\n")
            .Append("<script>var _hmt = _hmt || [];(function(){var hm=document.createElement(\"script\");hm.src=\"/stat.js\";})();</script>\n")
            .Append("</body>\n</html>\n");
        var page = Encoding.UTF8.GetBytes(html.ToString());
        return page.Length >= size ? page : Pad(page, size);
    }

    private static byte[] Pad(byte[] page, int size)
    {
        var text = Encoding.UTF8.GetString(page);
        var at = text.LastIndexOf("</body>", StringComparison.Ordinal);
        var padding = new string(' ', size - page.Length);
        return Encoding.UTF8.GetBytes(text.Insert(at, padding));
    }
}
