using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Identity;

/// <summary>
/// The online name (网上名称) of a website or platform account: the name it shows to the public.
/// </summary>
/// <remarks>
/// Stored trimmed and in Unicode NFC, the canonical form written to JSON and by <see cref="ToString()"/>;
/// 1–100 user-perceived characters (text elements, so a rare character outside the BMP counts once); no control
/// or format characters (line breaks, zero-width characters, bidirectional overrides). Two values are equal the way
/// a person reads them: NFKC-folded (full-width <c>ＡＢＣ</c> equals <c>ABC</c>) with runs of white space collapsed;
/// letter case is kept. <see langword="default"/> is the uninitialised value (<see cref="IsDefault"/>).
/// </remarks>
[JsonConverter(typeof(IdentityJsonConverter<OnlineName>))]
public readonly struct OnlineName : IEquatable<OnlineName>, IParsable<OnlineName>
{
    private const string Label = "online name";
    private const string ChineseLabel = "网上名称";

    private readonly string? _value;
    private readonly string? _key;

    private OnlineName(string value, string key)
    {
        _value = value;
        _key = key;
    }

    /// <summary>The longest value allowed, in user-perceived characters.</summary>
    public static int MaxLength => NameText.MaxTextElements;

    /// <summary>Whether this is the uninitialised <see langword="default"/> value rather than a parsed name.</summary>
    public bool IsDefault => _value is null;

    /// <summary>The canonical text: trimmed, NFC.</summary>
    public string Value => _value ?? throw new InvalidOperationException(
        "This OnlineName is the uninitialised default value; obtain one from Parse or TryParse.");

    /// <summary>Parses a name as typed.</summary>
    /// <param name="s">The name.</param>
    /// <returns>The name.</returns>
    /// <exception cref="IdentityFormatException">The input is not a valid name; the exception says why.</exception>
    public static OnlineName Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var result, out var problem) ? result : throw new IdentityFormatException(Label, [problem]);
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The name.</param>
    /// <param name="provider">Ignored.</param>
    public static OnlineName Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Tries to parse a name as typed.</summary>
    /// <param name="s">The name.</param>
    /// <param name="result">The name, or <see langword="default"/>.</param>
    /// <returns>Whether the input is a valid name.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out OnlineName result) => TryParse(s, out result, out _);

    /// <inheritdoc cref="TryParse(string, out OnlineName)"/>
    /// <param name="s">The name.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The name, or <see langword="default"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out OnlineName result) =>
        TryParse(s, out result, out _);

    /// <summary>Tries to parse a name as typed, saying why it is not valid when it is not.</summary>
    /// <param name="s">The name.</param>
    /// <param name="result">The name, or <see langword="default"/>.</param>
    /// <param name="problem">Why the input is not valid, or <see langword="null"/>.</param>
    /// <returns>Whether the input is a valid name.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out OnlineName result, [NotNullWhen(false)] out IdentityProblem? problem)
    {
        problem = NameText.Check(s, Label, ChineseLabel, out var value, out var key);
        result = problem is null ? new OnlineName(value!, key!) : default;
        return problem is null;
    }

    /// <inheritdoc />
    public bool Equals(OnlineName other) => string.Equals(_key, other._key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OnlineName other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _key is null ? 0 : StringComparer.Ordinal.GetHashCode(_key);

    /// <summary>The canonical text; <see cref="string.Empty"/> for the <see langword="default"/> value.</summary>
    /// <returns>The canonical text.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Whether two names read the same.</summary>
    /// <param name="left">A name.</param>
    /// <param name="right">A name.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(OnlineName left, OnlineName right) => left.Equals(right);

    /// <summary>Whether two names read differently.</summary>
    /// <param name="left">A name.</param>
    /// <param name="right">A name.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(OnlineName left, OnlineName right) => !left.Equals(right);
}
