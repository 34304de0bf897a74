using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Identity;

/// <summary>
/// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters whose check characters hold.
/// An invalid code cannot be built through the public API.
/// </summary>
/// <remarks>
/// <para>
/// Layout: position 1 the registration authority, 2 the organisation category, 3–8 the administrative division
/// (digits), 9–17 the organisation code (GB 11714, with its own check character at 17), 18 the check character.
/// </para>
/// <para>
/// Parsing first normalises what people type: surrounding white space (including the ideographic space) is
/// trimmed, full-width characters become half-width and letters become upper case. Nothing else is changed:
/// a wrong check character is reported, never "fixed".
/// </para>
/// <para>
/// <see langword="default"/> is the uninitialised value (<see cref="IsDefault"/>); every other member throws
/// <see cref="InvalidOperationException"/> on it. The value is packed into 128 bits, so parsing an
/// already-normal code allocates nothing.
/// </para>
/// </remarks>
[JsonConverter(typeof(UnifiedSocialCreditCodeJsonConverter))]
public readonly struct UnifiedSocialCreditCode
    : IEquatable<UnifiedSocialCreditCode>, IComparable<UnifiedSocialCreditCode>, ISpanParsable<UnifiedSocialCreditCode>,
      ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The number of characters in a code.</summary>
    public const int Length = 18;

    internal const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string ValueKind = "unified social credit code";
    private static readonly UInt128 InitializedBit = UInt128.One << 127;

    // Five bits a position, position 1 in the lowest bits; bit 127 marks an initialised value.
    private readonly UInt128 _packed;

    private UnifiedSocialCreditCode(UInt128 packed) => _packed = packed;

    /// <summary>Whether this is the uninitialised <see langword="default"/> value rather than a parsed code.</summary>
    public bool IsDefault => _packed == UInt128.Zero;

    /// <summary>Position 1: the registration authority (登记管理部门), for example <c>1</c> 机构编制.</summary>
    public char RegistrationAuthority => CharAt(0);

    /// <summary>Position 2: the organisation category (机构类别) within the registration authority.</summary>
    public char Category => CharAt(1);

    /// <summary>The kind of organisation named by positions 1–2.</summary>
    public InstitutionKind Kind => InstitutionKindExtensions.FromCode(CharAt(0), CharAt(1));

    /// <summary>Positions 3–8: the administrative division code (登记管理机关行政区划码).</summary>
    public string AdministrativeDivision => Slice(2, 6);

    /// <summary>Positions 9–17: the organisation code (主体标识码, GB 11714) including its check character.</summary>
    public string OrganizationCode => Slice(8, 9);

    /// <summary>Position 18: the check character (校验码).</summary>
    public char CheckCharacter => CharAt(17);

    /// <summary>Parses a code, normalising it first.</summary>
    /// <param name="s">The code as typed.</param>
    /// <returns>The code.</returns>
    /// <exception cref="IdentityFormatException">The input is not a valid code; the exception lists every problem.</exception>
    public static UnifiedSocialCreditCode Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses a code, normalising it first.</summary>
    /// <param name="s">The code as typed.</param>
    /// <returns>The code.</returns>
    /// <exception cref="IdentityFormatException">The input is not a valid code; the exception lists every problem.</exception>
    public static UnifiedSocialCreditCode Parse(ReadOnlySpan<char> s)
    {
        if (TryParse(s, out var code))
        {
            return code;
        }

        throw new IdentityFormatException(ValueKind, Validate(s).Problems);
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The code as typed.</param>
    /// <param name="provider">Ignored: codes are culture-invariant.</param>
    public static UnifiedSocialCreditCode Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc cref="Parse(ReadOnlySpan{char})"/>
    /// <param name="s">The code as typed.</param>
    /// <param name="provider">Ignored: codes are culture-invariant.</param>
    public static UnifiedSocialCreditCode Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <summary>Tries to parse a code, normalising it first.</summary>
    /// <param name="s">The code as typed.</param>
    /// <param name="result">The code, or <see langword="default"/>.</param>
    /// <returns>Whether the input is a valid code.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out UnifiedSocialCreditCode result)
    {
        if (s is null)
        {
            result = default;
            return false;
        }

        return TryParse(s.AsSpan(), out result);
    }

    /// <summary>Tries to parse a code, normalising it first. Allocates nothing.</summary>
    /// <param name="s">The code as typed.</param>
    /// <param name="result">The code, or <see langword="default"/>.</param>
    /// <returns>Whether the input is a valid code.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out UnifiedSocialCreditCode result)
    {
        if (s.Length == Length && TryPack(s, out var packed))
        {
            result = new UnifiedSocialCreditCode(packed);
            return true;
        }

        Span<char> buffer = stackalloc char[Length];
        if (TryNormalize(s, buffer, out var written, out _) && written == Length && TryPack(buffer, out packed))
        {
            result = new UnifiedSocialCreditCode(packed);
            return true;
        }

        result = default;
        return false;
    }

    /// <inheritdoc cref="TryParse(string, out UnifiedSocialCreditCode)"/>
    /// <param name="s">The code as typed.</param>
    /// <param name="provider">Ignored: codes are culture-invariant.</param>
    /// <param name="result">The code, or <see langword="default"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out UnifiedSocialCreditCode result) =>
        TryParse(s, out result);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{char}, out UnifiedSocialCreditCode)"/>
    /// <param name="s">The code as typed.</param>
    /// <param name="provider">Ignored: codes are culture-invariant.</param>
    /// <param name="result">The code, or <see langword="default"/>.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out UnifiedSocialCreditCode result) =>
        TryParse(s, out result);

    /// <summary>
    /// Checks a code as typed and lists every problem found, so a form can show them all at once.
    /// </summary>
    /// <param name="s">The code as typed.</param>
    /// <returns>The result: the code when valid, the normalised text, whether normalising changed it, and the problems.</returns>
    public static UsccValidationResult Validate(ReadOnlySpan<char> s)
    {
        var problems = new List<IdentityProblem>();
        var trimmed = TrimWhite(s);
        if (trimmed.IsEmpty)
        {
            problems.Add(new IdentityProblem(
                IdentityProblemCodes.Empty,
                "the code is empty",
                "统一社会信用代码为空"));
            return new UsccValidationResult(null, string.Empty, s.Length != 0, problems);
        }

        var normalized = new char[trimmed.Length];
        for (var i = 0; i < trimmed.Length; i++)
        {
            normalized[i] = NormalizeChar(trimmed[i]);
        }

        var text = new string(normalized);
        var wasNormalized = !s.SequenceEqual(text);

        if (normalized.Length != Length)
        {
            problems.Add(new IdentityProblem(
                IdentityProblemCodes.UsccLength,
                $"length {normalized.Length}, expected {Length}",
                $"长度为 {normalized.Length} 位，应为 {Length} 位"));
        }

        var syntaxOk = true;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            var position = i + 1;
            if (ValueOf(c) < 0)
            {
                syntaxOk = false;
                problems.Add(new IdentityProblem(
                    IdentityProblemCodes.UsccInvalidCharacter,
                    $"character {position} {Describe(c)} is not allowed",
                    $"第 {position} 位字符 {Describe(c)} 不允许使用（不含 I、O、Z、S、V）",
                    position));
            }
            else if (i is >= 2 and <= 7 && !char.IsAsciiDigit(c))
            {
                syntaxOk = false;
                problems.Add(new IdentityProblem(
                    IdentityProblemCodes.UsccDivisionNotDigit,
                    $"character {position} {Describe(c)} must be a digit (positions 3-8 are the administrative division)",
                    $"第 {position} 位字符 {Describe(c)} 应为数字（第 3–8 位为行政区划码）",
                    position));
            }
        }

        if (syntaxOk && normalized.Length == Length)
        {
            var expectedOrg = OrganizationCheckChar(normalized);
            if (expectedOrg != normalized[16])
            {
                problems.Add(new IdentityProblem(
                    IdentityProblemCodes.UsccOrganizationCodeCheck,
                    $"organisation code check character (position 17) should be '{expectedOrg}' but is '{normalized[16]}'",
                    $"组织机构代码校验位（第 17 位）应为“{expectedOrg}”，实际为“{normalized[16]}”",
                    17));
            }

            var expected = CheckChar(normalized);
            if (expected != normalized[17])
            {
                problems.Add(new IdentityProblem(
                    IdentityProblemCodes.UsccCheckCharacter,
                    $"check character should be '{expected}' but is '{normalized[17]}'",
                    $"校验码（第 18 位）应为“{expected}”，实际为“{normalized[17]}”",
                    18));
            }
        }

        var code = problems.Count == 0 && TryPack(normalized, out var packed) ? new UnifiedSocialCreditCode(packed) : (UnifiedSocialCreditCode?)null;
        return new UsccValidationResult(code, text, wasNormalized, problems);
    }

    /// <summary>
    /// Computes the check character (position 18) for the first 17 characters of a code; used to build test data
    /// and to tell a person what the check character should be.
    /// </summary>
    /// <param name="first17">The first 17 characters, already normal (upper case, half-width).</param>
    /// <returns>The check character.</returns>
    /// <exception cref="ArgumentException">The input is not 17 characters from the code's alphabet.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"Expected {Length - 1} characters, got {first17.Length}.", nameof(first17));
        }

        foreach (var c in first17)
        {
            if (ValueOf(c) < 0)
            {
                throw new ArgumentException($"Character {Describe(c)} is not in the code's alphabet.", nameof(first17));
            }
        }

        return CheckChar(first17);
    }

    /// <summary>
    /// Computes the GB 11714 organisation-code check character (position 17) for positions 9–16 of a code.
    /// </summary>
    /// <param name="body8">Positions 9–16: eight digits or upper-case letters.</param>
    /// <returns>The check character: a digit or <c>X</c>.</returns>
    /// <exception cref="ArgumentException">The input is not eight digits or upper-case letters.</exception>
    public static char ComputeOrganizationCodeCheckCharacter(ReadOnlySpan<char> body8)
    {
        if (body8.Length != 8)
        {
            throw new ArgumentException($"Expected 8 characters, got {body8.Length}.", nameof(body8));
        }

        foreach (var c in body8)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                throw new ArgumentException($"Character {Describe(c)} is not a digit or upper-case letter.", nameof(body8));
            }
        }

        Span<char> padded = stackalloc char[17];
        padded.Fill('0');
        body8.CopyTo(padded[8..]);
        return OrganizationCheckChar(padded);
    }

    /// <inheritdoc />
    public bool Equals(UnifiedSocialCreditCode other) => _packed == other._packed;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is UnifiedSocialCreditCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _packed.GetHashCode();

    /// <summary>Orders codes by their text, position 1 first.</summary>
    /// <param name="other">The other code.</param>
    /// <returns>The ordinal comparison of the two codes' text.</returns>
    public int CompareTo(UnifiedSocialCreditCode other)
    {
        Span<char> a = stackalloc char[Length];
        Span<char> b = stackalloc char[Length];
        WriteChars(_packed, a);
        WriteChars(other._packed, b);
        return a.SequenceCompareTo(b);
    }

    /// <summary>The code's 18 characters; <see cref="string.Empty"/> for the <see langword="default"/> value.</summary>
    /// <returns>The canonical text.</returns>
    public override string ToString()
    {
        if (IsDefault)
        {
            return string.Empty;
        }

        return string.Create(Length, _packed, static (span, packed) => WriteChars(packed, span));
    }

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var length = IsDefault ? 0 : Length;
        if (destination.Length < length)
        {
            charsWritten = 0;
            return false;
        }

        if (length > 0)
        {
            WriteChars(_packed, destination);
        }

        charsWritten = length;
        return true;
    }

    /// <inheritdoc />
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var length = IsDefault ? 0 : Length;
        if (utf8Destination.Length < length)
        {
            bytesWritten = 0;
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            utf8Destination[i] = (byte)Alphabet[(int)((_packed >> (5 * i)) & 0x1F)];
        }

        bytesWritten = length;
        return true;
    }

    /// <summary>Whether two codes are the same.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">A code.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(UnifiedSocialCreditCode left, UnifiedSocialCreditCode right) => left.Equals(right);

    /// <summary>Whether two codes differ.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">A code.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(UnifiedSocialCreditCode left, UnifiedSocialCreditCode right) => !left.Equals(right);

    /// <summary>Orders two codes.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">A code.</param>
    /// <returns>Whether <paramref name="left"/> sorts first.</returns>
    public static bool operator <(UnifiedSocialCreditCode left, UnifiedSocialCreditCode right) => left.CompareTo(right) < 0;

    /// <summary>Orders two codes.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">A code.</param>
    /// <returns>Whether <paramref name="left"/> sorts first or they are equal.</returns>
    public static bool operator <=(UnifiedSocialCreditCode left, UnifiedSocialCreditCode right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two codes.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">A code.</param>
    /// <returns>Whether <paramref name="left"/> sorts last.</returns>
    public static bool operator >(UnifiedSocialCreditCode left, UnifiedSocialCreditCode right) => left.CompareTo(right) > 0;

    /// <summary>Orders two codes.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">A code.</param>
    /// <returns>Whether <paramref name="left"/> sorts last or they are equal.</returns>
    public static bool operator >=(UnifiedSocialCreditCode left, UnifiedSocialCreditCode right) => left.CompareTo(right) >= 0;

    private char CharAt(int index)
    {
        ThrowIfDefault();
        return Alphabet[(int)((_packed >> (5 * index)) & 0x1F)];
    }

    private string Slice(int start, int length)
    {
        ThrowIfDefault();
        Span<char> chars = stackalloc char[Length];
        WriteChars(_packed, chars);
        return new string(chars.Slice(start, length));
    }

    private void ThrowIfDefault()
    {
        if (IsDefault)
        {
            throw new InvalidOperationException(
                "This UnifiedSocialCreditCode is the uninitialised default value; obtain one from Parse or TryParse.");
        }
    }

    private static void WriteChars(UInt128 packed, Span<char> destination)
    {
        for (var i = 0; i < Length; i++)
        {
            destination[i] = Alphabet[(int)((packed >> (5 * i)) & 0x1F)];
        }
    }

    // Values of the 31-symbol alphabet, -1 for anything else; indexed by ASCII code.
    private static ReadOnlySpan<sbyte> Values =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
        // @   A   B   C   D   E   F   G   H   I   J   K   L   M   N   O
        -1, 10, 11, 12, 13, 14, 15, 16, 17, -1, 18, 19, 20, 21, 22, -1,
        // P   Q   R   S   T   U   V   W   X   Y   Z
        23, 24, 25, -1, 26, 27, -1, 28, 29, 30, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ];

    private static ReadOnlySpan<byte> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static ReadOnlySpan<byte> OrganizationWeights => [3, 7, 9, 10, 5, 8, 4, 2];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ValueOf(char c) => c < 128 ? Values[c] : -1;

    // The fast path: exactly 18 normal characters, every check holds.
    private static bool TryPack(ReadOnlySpan<char> s, out UInt128 packed)
    {
        packed = default;
        if (s.Length != Length)
        {
            return false;
        }

        ulong low = 0;
        ulong high = 0;
        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            var value = ValueOf(s[i]);
            if (value < 0 || (i is >= 2 and <= 7 && value > 9))
            {
                return false;
            }

            sum += value * Weights[i];
            if (i < 12)
            {
                low |= (ulong)value << (5 * i);
            }
            else
            {
                high |= (ulong)value << (5 * (i - 12));
            }
        }

        var check = ValueOf(s[Length - 1]);
        var expected = (31 - (sum % 31)) % 31;
        if (check != expected || OrganizationCheckChar(s) != s[16])
        {
            return false;
        }

        high |= (ulong)check << (5 * (Length - 1 - 12));
        packed = (new UInt128(high, 0) >> 4) | low | InitializedBit;
        return true;
    }

    private static char CheckChar(ReadOnlySpan<char> s)
    {
        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            sum += ValueOf(s[i]) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    // GB 11714 over positions 9-16: letters count over the full alphabet (A=10 ... Z=35).
    private static char OrganizationCheckChar(ReadOnlySpan<char> s)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = s[8 + i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * OrganizationWeights[i];
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + check),
        };
    }

    internal static ReadOnlySpan<char> TrimWhite(ReadOnlySpan<char> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && char.IsWhiteSpace(s[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    // Full-width ASCII (U+FF01-U+FF5E) to half-width, then ASCII lower to upper.
    internal static char NormalizeChar(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }

        return char.IsAsciiLetterLower(c) ? (char)(c - 32) : c;
    }

    private static bool TryNormalize(ReadOnlySpan<char> s, Span<char> destination, out int written, out bool changed)
    {
        var trimmed = TrimWhite(s);
        changed = trimmed.Length != s.Length;
        written = 0;
        if (trimmed.Length > destination.Length)
        {
            return false;
        }

        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = NormalizeChar(trimmed[i]);
            changed |= c != trimmed[i];
            destination[i] = c;
        }

        written = trimmed.Length;
        return true;
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c)
            ? $"U+{(int)c:X4}"
            : string.Create(CultureInfo.InvariantCulture, $"'{c}'");
}
