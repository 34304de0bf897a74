namespace Badge.Sdk.AspNetCore.Challenges;

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(BadgeChallengeEndpoints.CreateChallengeBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(BadgeChallengeEndpoints.CreatedChallenge))]
[System.Text.Json.Serialization.JsonSerializable(typeof(BadgeChallengeEndpoints.AnswerOutcome))]
[System.Text.Json.Serialization.JsonSerializable(typeof(BadgeChallengeEndpoints.ChallengeStatus))]
internal sealed partial class ChallengeEndpointJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
