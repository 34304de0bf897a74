using System.Text.Json;
using System.Text.Json.Serialization;
using Badge.Sdk.Certificates;
using Badge.Sdk.Issuance;

namespace Badge.Sdk.Json;

// One source-generated context for every type the SDK reads or writes: no reflection, trimming- and AOT-safe.
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
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntry>))]
[JsonSerializable(typeof(CensusSubmission))]
[JsonSerializable(typeof(IReadOnlyList<CensusRecord>))]
[JsonSerializable(typeof(BadgeCertificate))]
[JsonSerializable(typeof(AuthorityMetadata))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(JwsHeader))]
[JsonSerializable(typeof(CachedCertificate))]
[JsonSerializable(typeof(Badge.Sdk.Credentials.CredentialRequest))]
[JsonSerializable(typeof(Badge.Sdk.Challenges.ChallengeRequestPayload))]
[JsonSerializable(typeof(Badge.Sdk.Challenges.ChallengeAnswerPayload))]
[JsonSerializable(typeof(Badge.Sdk.Credentials.IssuedCredential))]
[JsonSerializable(typeof(Badge.Sdk.Credentials.CredentialStatus))]
[JsonSerializable(typeof(Badge.Sdk.Credentials.AdministratorRequestPayload))]
[JsonSerializable(typeof(Badge.Sdk.Issuance.AdministratorAppointment))]
internal sealed partial class BadgeJsonContext : JsonSerializerContext;

internal sealed record RevokeBody(string? Reason, string? Signature = null);

internal sealed record SupersedeBody(string? ReplacementId);
