using System.Text.Json.Serialization;

namespace Badge.Sdk.Json;

/// <summary>
/// Reads and writes an enum by its protocol name only: an integer (<c>"kind": 5</c>), a numeric string or an undefined
/// name is refused with a <see cref="System.Text.Json.JsonException"/>, so a value the protocol does not define can
/// never reach a check such as <c>== BadgeKind.Website</c>. Every SDK enum carries it; source-generated contexts in
/// other assemblies need it public.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class StrictEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
