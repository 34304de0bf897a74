using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Badge.Authority.Api;

/// <summary>The identity values travel as strings; the document says so, with their rules.</summary>
internal static class OpenApiSchemas
{
    public static Task DescribeIdentityValues(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        var description = type == typeof(UnifiedSocialCreditCode) ? "Unified social credit code (GB 32100-2015), 18 characters"
            : type == typeof(SiteDomain) ? "Domain name; IDN in Unicode form, compared in its ASCII form"
            : type == typeof(OrganizerName) ? "Organizer name (主办单位名称), 1-100 characters"
            : type == typeof(OnlineName) ? "Online name (网上名称), 1-100 characters"
            : type == typeof(PlatformId) ? "Platform id: wechat-oa, wechat-mp, weibo, kuaishou or another registered id"
            : null;
        if (description is null)
        {
            return Task.CompletedTask;
        }

        schema.Type = type == context.JsonTypeInfo.Type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
        schema.Properties?.Clear();
        schema.Description = description;
        if (type == typeof(UnifiedSocialCreditCode))
        {
            schema.Pattern = "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$";
        }

        return Task.CompletedTask;
    }
}
