using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>
/// <c>&lt;online-badge /&gt;</c>: places the badge footer exactly here in a Razor page or view; the middleware then
/// adds none at <c>&lt;/body&gt;</c>. Renders nothing while the badge is not available. Register with
/// <c>@addTagHelper *, Badge.Sdk.AspNetCore</c>.
/// </summary>
[HtmlTargetElement("online-badge", TagStructure = TagStructure.WithoutEndTag)]
public sealed class OnlineBadgeTagHelper : TagHelper
{
    /// <summary>The view context, set by Razor.</summary>
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext? ViewContext { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        var http = ViewContext?.HttpContext;
        if (http?.Features.Get<IBadgeFooterPlacementFeature>() is not { } placement)
        {
            output.SuppressOutput();
            return;
        }

        placement.PlacedByTagHelper = true;
        output.Content.SetHtmlContent(Encoding.ASCII.GetString(placement.Entry.Fragment));
    }
}
