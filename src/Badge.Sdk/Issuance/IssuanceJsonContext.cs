using System.Text.Json;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Issuance;

// This folder's wire types, source-generated with the options of every context of the SDK (see BadgeJsonContext).
// Certificates and credentials the client reads are another folder's and use that folder's context.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IssueBadgeRequest))]
[JsonSerializable(typeof(IssuedBadge))]
[JsonSerializable(typeof(BadgeRecord))]
[JsonSerializable(typeof(BadgePage))]
[JsonSerializable(typeof(ImportLegacyBadgeRequest))]
[JsonSerializable(typeof(RevokeBody))]
[JsonSerializable(typeof(SupersedeBody))]
[JsonSerializable(typeof(OperatorGrantRequest))]
[JsonSerializable(typeof(OperatorGrant))]
[JsonSerializable(typeof(IReadOnlyList<OperatorGrant>))]
[JsonSerializable(typeof(OperatorGrantCheck))]
[JsonSerializable(typeof(AdministratorAppointmentRequest))]
[JsonSerializable(typeof(AdministratorAppointment))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntry>))]
[JsonSerializable(typeof(CensusSubmission))]
[JsonSerializable(typeof(IReadOnlyList<CensusRecord>))]
[JsonSerializable(typeof(CachedCertificate))]
internal sealed partial class IssuanceJsonContext : JsonSerializerContext;

internal sealed record RevokeBody(string? Reason, string? Signature = null);

internal sealed record SupersedeBody(string? ReplacementId);
