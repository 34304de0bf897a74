using System.Text.Json;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Identity;

/// <summary>
/// Reads and writes an identity value (<see cref="SiteDomain"/>, <see cref="OnlineName"/>, <see cref="OrganizerName"/>)
/// as its canonical string; an invalid one fails with the reason, so a bad document never yields a bad value.
/// </summary>
/// <typeparam name="T">The identity value type.</typeparam>
public sealed class IdentityJsonConverter<T> : JsonConverter<T>
    where T : struct, IParsable<T>, IEquatable<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(T).Name} must be a JSON string, not {reader.TokenType}.");
        }

        try
        {
            return T.Parse(reader.GetString()!, null);
        }
        catch (IdentityFormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Equals(default))
        {
            throw new JsonException($"Cannot write the uninitialised default {typeof(T).Name}.");
        }

        writer.WriteStringValue(value.ToString());
    }
}
