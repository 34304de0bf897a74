using Badge.Sdk.Identity;
using CsCheck;

namespace Badge.Sdk.Tests.Identity;

/// <summary>Generates valid codes by computing both check characters over random bodies.</summary>
internal static class UsccGen
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static readonly Gen<string> Valid =
        Gen.Select(
            Gen.Char[Alphabet].Array[2],
            Gen.Char['0', '9'].Array[6],
            Gen.Char[Alphabet].Array[8],
            (head, division, organization) => Build(new string(head) + new string(division) + new string(organization)));

    public static string Build(string first16)
    {
        var first17 = first16 + UnifiedSocialCreditCode.ComputeOrganizationCodeCheckCharacter(first16.AsSpan(8, 8));
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }
}
