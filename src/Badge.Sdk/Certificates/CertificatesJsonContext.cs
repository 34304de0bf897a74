using System.Text.Json;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Certificates;

// This folder's wire types, source-generated with the options of every context of the SDK (see BadgeJsonContext).
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BadgeCertificate))]
[JsonSerializable(typeof(AuthorityMetadata))]
internal sealed partial class CertificatesJsonContext : JsonSerializerContext;
