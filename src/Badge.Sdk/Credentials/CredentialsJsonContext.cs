using System.Text.Json;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Credentials;

// This folder's wire types, source-generated with the options of every context of the SDK (see BadgeJsonContext).
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CredentialRequest))]
[JsonSerializable(typeof(IssuedCredential))]
[JsonSerializable(typeof(CredentialStatus))]
[JsonSerializable(typeof(AdministratorRequestPayload))]
internal sealed partial class CredentialsJsonContext : JsonSerializerContext;
