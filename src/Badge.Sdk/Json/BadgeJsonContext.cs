using System.Text.Json;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Json;

// The wire types of this folder, source-generated: no reflection, trimming- and AOT-safe. Each folder has a context
// of its own for its own types (CertificatesJsonContext, CredentialsJsonContext, ChallengesJsonContext,
// IssuanceJsonContext), so the generated code of one folder never names another folder's types and the dependency
// rules of docs/architecture.md hold for it too. All use these options.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(JwsHeader))]
internal sealed partial class BadgeJsonContext : JsonSerializerContext;
