using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Badge.Sdk.Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Tests.Challenges;

// A caller who did not verify must not be able to make a "valid" verdict: no public constructor, no `with`
// (records would give one), nothing settable.
public sealed class VerdictForgeryTests
{
    public static TheoryData<Type> Verdicts =>
    [
        typeof(ChallengeVerificationResult),
        typeof(ChallengeConsentResult),
        typeof(AdministratorRequestResult),
        typeof(BadgeCertificateVerificationResult),
        typeof(ChallengeTransitionResult),
        typeof(UsccValidationResult),
    ];

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Verdict_HasNoPublicConstructor_NoSetter_AndNoCloneForWith(Type verdict)
    {
        Assert.Empty(verdict.GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.True(verdict.IsSealed);
        Assert.All(verdict.GetProperties(), p => Assert.True(p.SetMethod is null || !p.SetMethod.IsPublic, $"{verdict.Name}.{p.Name} can be set"));
        Assert.Null(verdict.GetMethod("<Clone>$"));
        Assert.DoesNotContain(verdict.GetMethods(BindingFlags.Public | BindingFlags.Static), m => m.ReturnType == verdict);
    }

    [Theory]
    [InlineData(typeof(ChallengeVerificationResult), nameof(ChallengeVerificationResult.IsValid), true, "Challenge")]
    [InlineData(typeof(ChallengeVerificationResult), nameof(ChallengeVerificationResult.IsValid), false, "Reason")]
    [InlineData(typeof(ChallengeConsentResult), nameof(ChallengeConsentResult.IsValid), true, "Consent")]
    [InlineData(typeof(AdministratorRequestResult), nameof(AdministratorRequestResult.IsValid), true, "Request")]
    [InlineData(typeof(BadgeCertificateVerificationResult), nameof(BadgeCertificateVerificationResult.IsValid), true, "Certificate")]
    [InlineData(typeof(BadgeCertificateVerificationResult), nameof(BadgeCertificateVerificationResult.IsValid), false, "Reason")]
    [InlineData(typeof(ChallengeTransitionResult), nameof(ChallengeTransitionResult.Succeeded), true, "Challenge")]
    [InlineData(typeof(UsccValidationResult), nameof(UsccValidationResult.IsValid), true, "Code")]
    public void Verdict_DeclaresWhichDataItCarries(Type verdict, string flag, bool when, string member)
    {
        var attributes = verdict.GetProperty(flag)!.GetCustomAttributes<MemberNotNullWhenAttribute>();

        Assert.Contains(attributes, a => a.ReturnValue == when && a.Members.Contains(member));
    }

    [Fact]
    public void ChallengeVerificationResult_CannotBeMadeValidByACaller()
    {
        // What an attacker would try against a host that trusts IsValid: a public constructor (gone) or a record copy.
        var withMethod = typeof(ChallengeVerificationResult).GetMethods().Where(m => m.Name.Contains("Clone", StringComparison.Ordinal));

        Assert.Empty(withMethod);
        Assert.False(typeof(ChallengeVerificationResult).GetProperty(nameof(ChallengeVerificationResult.IsValid))!.CanWrite);
    }
}
