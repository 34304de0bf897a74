using System.Text.Json.Serialization;

namespace Badge.Sdk.Json;

// Enums travel by name only: an integer ("kind": 5), a numeric string or an undefined name is refused, so a value
// the protocol does not define can never reach a "== Website" / "== PlatformAccount" check.
internal sealed class StrictEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
