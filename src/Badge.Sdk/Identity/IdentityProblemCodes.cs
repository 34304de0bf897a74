namespace Badge.Sdk.Identity;

/// <summary>The codes of <see cref="IdentityProblem"/>; stable across versions so a form can map them to its own text.</summary>
public static class IdentityProblemCodes
{
    /// <summary>The value is empty or only white space.</summary>
    public const string Empty = "empty";

    /// <summary>A unified social credit code does not have 18 characters.</summary>
    public const string UsccLength = "uscc.length";

    /// <summary>A character is not in the code's 31-symbol alphabet (no I, O, Z, S, V).</summary>
    public const string UsccInvalidCharacter = "uscc.invalid_character";

    /// <summary>A character in the administrative division (positions 3–8) is not a digit.</summary>
    public const string UsccDivisionNotDigit = "uscc.division_not_digit";

    /// <summary>The organisation code's own check character (position 17, GB 11714) does not match.</summary>
    public const string UsccOrganizationCodeCheck = "uscc.organization_code_check";

    /// <summary>The final check character (position 18) does not match.</summary>
    public const string UsccCheckCharacter = "uscc.check_character";

    /// <summary>A domain holds a character or label that IDNA (UTS 46) refuses.</summary>
    public const string DomainInvalid = "domain.invalid";

    /// <summary>A domain is an IP address literal.</summary>
    public const string DomainIpLiteral = "domain.ip_literal";

    /// <summary>A domain carries a port.</summary>
    public const string DomainPort = "domain.port";

    /// <summary>A domain has an empty label (two dots in a row, or a leading dot).</summary>
    public const string DomainEmptyLabel = "domain.empty_label";

    /// <summary>A domain label is longer than 63 characters in its ASCII form.</summary>
    public const string DomainLabelTooLong = "domain.label_too_long";

    /// <summary>A domain is longer than 253 characters in its ASCII form.</summary>
    public const string DomainTooLong = "domain.too_long";

    /// <summary>A name is longer than 100 characters.</summary>
    public const string NameTooLong = "name.too_long";

    /// <summary>A name holds a control or format character (line breaks, zero-width, bidirectional overrides).</summary>
    public const string NameForbiddenCharacter = "name.forbidden_character";

    /// <summary>A platform identifier is not 2–32 lower-case letters, digits or inner hyphens.</summary>
    public const string PlatformIdInvalid = "platform.invalid";
}
