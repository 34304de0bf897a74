using System.Text.Json;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Challenges;

// This folder's wire types, source-generated with the options of every context of the SDK (see BadgeJsonContext).
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChallengeRequestPayload))]
[JsonSerializable(typeof(ChallengeAnswerPayload))]
internal sealed partial class ChallengesJsonContext : JsonSerializerContext;
