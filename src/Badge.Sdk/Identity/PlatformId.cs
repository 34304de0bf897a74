using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Identity;

/// <summary>
/// The platform an account lives on: <c>wechat-oa</c>, <c>wechat-mp</c>, <c>weibo</c>, <c>kuaishou</c>, or any
/// identifier an integrator registers. Extensible: a value the SDK does not know is kept as it is.
/// </summary>
/// <remarks>An identifier is 2–32 characters of lower-case ASCII letters, digits and inner hyphens.</remarks>
[JsonConverter(typeof(IdentityJsonConverter<PlatformId>))]
public readonly struct PlatformId : IEquatable<PlatformId>, IParsable<PlatformId>
{
    private const int MinLength = 2;
    private const int MaxLength = 32;

    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    private readonly string? _value;

    private PlatformId(string value) => _value = value;

    /// <summary>WeChat official accounts (微信公众号).</summary>
    public static PlatformId WeChatOfficialAccount { get; } = new("wechat-oa");

    /// <summary>WeChat mini programs (微信小程序).</summary>
    public static PlatformId WeChatMiniProgram { get; } = new("wechat-mp");

    /// <summary>Weibo (微博).</summary>
    public static PlatformId Weibo { get; } = new("weibo");

    /// <summary>Kuaishou (快手).</summary>
    public static PlatformId Kuaishou { get; } = new("kuaishou");

    /// <summary>Whether this is the uninitialised <see langword="default"/> value.</summary>
    public bool IsDefault => _value is null;

    /// <summary>The identifier.</summary>
    public string Value => _value ?? throw new InvalidOperationException(
        "This PlatformId is the uninitialised default value; use a well-known one or Parse.");

    /// <summary>Parses a platform identifier.</summary>
    /// <param name="s">The identifier, for example <c>weibo</c>.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="IdentityFormatException">The identifier is not valid; the exception says why.</exception>
    public static PlatformId Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var result, out var problem) ? result : throw new IdentityFormatException("platform id", [problem]);
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The identifier.</param>
    /// <param name="provider">Ignored.</param>
    public static PlatformId Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Tries to parse a platform identifier.</summary>
    /// <param name="s">The identifier.</param>
    /// <param name="result">The identifier, or <see langword="default"/>.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out PlatformId result) => TryParse(s, out result, out _);

    /// <inheritdoc cref="TryParse(string, out PlatformId)"/>
    /// <param name="s">The identifier.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The identifier, or <see langword="default"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PlatformId result) =>
        TryParse(s, out result, out _);

    /// <summary>Tries to parse a platform identifier, saying why it is not valid when it is not.</summary>
    /// <param name="s">The identifier.</param>
    /// <param name="result">The identifier, or <see langword="default"/>.</param>
    /// <param name="problem">Why it is not valid, or <see langword="null"/>.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out PlatformId result, [NotNullWhen(false)] out IdentityProblem? problem)
    {
        result = default;
        var text = s?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problem = new IdentityProblem(IdentityProblemCodes.Empty, "the platform id is empty", "平台标识为空");
            return false;
        }

        var valid = text.Length is >= MinLength and <= MaxLength
            && text[0] != '-' && text[^1] != '-'
            && !text.AsSpan().ContainsAnyExcept(Allowed);
        if (!valid)
        {
            problem = new IdentityProblem(
                IdentityProblemCodes.PlatformIdInvalid,
                $"platform id '{text}' must be {MinLength}-{MaxLength} lower-case letters, digits or inner hyphens",
                $"平台标识“{text}”应为 {MinLength}–{MaxLength} 位小写字母、数字或中间的连字符");
            return false;
        }

        problem = null;
        result = new PlatformId(text);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(PlatformId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PlatformId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The identifier; <see cref="string.Empty"/> for the <see langword="default"/> value.</summary>
    /// <returns>The identifier.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Whether two identifiers are the same.</summary>
    /// <param name="left">An identifier.</param>
    /// <param name="right">An identifier.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(PlatformId left, PlatformId right) => left.Equals(right);

    /// <summary>Whether two identifiers differ.</summary>
    /// <param name="left">An identifier.</param>
    /// <param name="right">An identifier.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(PlatformId left, PlatformId right) => !left.Equals(right);
}
