using System.Text.Json;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Identity;

/// <summary>
/// Reads and writes an enum by its protocol name only: an integer (<c>"kind": 5</c>), a numeric string, a
/// comma-separated list (<c>"website, platformAccount"</c>) or an undefined name is refused with a
/// <see cref="JsonException"/>, so a value the protocol does not define can never reach a check such as
/// <c>== BadgeKind.Website</c>. Every SDK enum carries it; source-generated contexts in other assemblies need it public.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private JsonConverter<TEnum>? _names;

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // No message: System.Text.Json then says "could not be converted to {type}" with the JSON path.
            throw new JsonException();
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length == 0 || length > 64 || reader.ValueTextEquals(string.Empty) || ContainsSeparator(ref reader))
        {
            throw new JsonException();
        }

        var value = Names(options).Read(ref reader, typeToConvert, options);
        return Enum.IsDefined(value) ? value : throw new JsonException();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Names(options).Write(writer, value, options);
    }

    // Names only: a comma (flags syntax), white space or a leading digit or sign are never part of a protocol name.
    private static bool ContainsSeparator(ref Utf8JsonReader reader)
    {
        var text = reader.GetString()!;
        return text.AsSpan().IndexOfAny(", \t\r\n") >= 0 || char.IsAsciiDigit(text[0]) || text[0] is '-' or '+';
    }

    private JsonConverter<TEnum> Names(JsonSerializerOptions options) =>
        _names ??= (JsonConverter<TEnum>)new JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false).CreateConverter(typeof(TEnum), options);
}
