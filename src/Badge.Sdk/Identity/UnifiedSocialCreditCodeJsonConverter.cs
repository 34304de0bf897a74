using System.Text.Json;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Identity;

/// <summary>Reads and writes a <see cref="UnifiedSocialCreditCode"/> as its 18-character string; an invalid one fails with the reason.</summary>
public sealed class UnifiedSocialCreditCodeJsonConverter : JsonConverter<UnifiedSocialCreditCode>
{
    /// <inheritdoc />
    public override UnifiedSocialCreditCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A unified social credit code must be a JSON string, not {reader.TokenType}.");
        }

        var text = reader.GetString()!;
        if (UnifiedSocialCreditCode.TryParse(text, out var code))
        {
            return code;
        }

        var problems = UnifiedSocialCreditCode.Validate(text).Problems;
        throw new JsonException($"Not a valid unified social credit code: {string.Join("; ", problems.Select(p => p.Message))}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, UnifiedSocialCreditCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsDefault)
        {
            throw new JsonException("Cannot write the uninitialised default UnifiedSocialCreditCode.");
        }

        Span<byte> buffer = stackalloc byte[UnifiedSocialCreditCode.Length];
        value.TryFormat(buffer, out var written, default, null);
        writer.WriteStringValue(buffer[..written]);
    }
}
