using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Credentials;

// The body of POST /api/v1/credentials and /platform-credentials: a wire shape, built only by the client.
internal sealed record CredentialRequest
{
    /// <summary>The PKCS#10 certificate signing request, DER, base64 (its signature proves possession of the key).</summary>
    public string? Csr { get; init; }

    /// <summary>
    /// For an administrator's own credential: the administrator's id (the primary administrator, or one appointed).
    /// Leave <see langword="null"/> for the institution's credential.
    /// </summary>
    public string? AdministratorId { get; init; }

    /// <summary>
    /// For an administrator's credential: the one-time enrolment code the authority gave that person (the primary
    /// administrator's at registration; an appointed administrator's in the appointment's answer).
    /// </summary>
    public string? EnrollmentCode { get; init; }
}

/// <summary>A credential certificate issued by the authority's CA, with its chain.</summary>
public sealed record IssuedCredential
{
    /// <summary>The certificate's serial number, upper-case hexadecimal.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The certificate, DER, base64.</summary>
    public required string Certificate { get; init; }

    /// <summary>The chain above it, DER, base64: the issuing certificate, then the root.</summary>
    public required IReadOnlyList<string> Chain { get; init; }

    /// <summary>When the certificate expires.</summary>
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>Loads <see cref="Certificate"/>.</summary>
    /// <returns>The certificate (public part); the caller disposes it.</returns>
    public X509Certificate2 LoadCertificate() => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(Certificate));

    /// <summary>Loads <see cref="Chain"/>.</summary>
    /// <returns>The issuing certificate and the root; the caller disposes them.</returns>
    public X509Certificate2Collection LoadChain()
    {
        var chain = new X509Certificate2Collection();
        foreach (var der in Chain)
        {
            chain.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(der)));
        }

        return chain;
    }
}

/// <summary>Whether a credential certificate holds.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<CredentialState>))]
public enum CredentialState
{
    /// <summary>Issued and not revoked.</summary>
    [JsonStringEnumMemberName("good")]
    Good,

    /// <summary>Revoked.</summary>
    [JsonStringEnumMemberName("revoked")]
    Revoked,

    /// <summary>The authority never issued it.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}

/// <summary>The authority's answer about one credential certificate.</summary>
public sealed record CredentialStatus
{
    /// <summary>The serial number asked about.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>Whether it holds.</summary>
    public required CredentialState Status { get; init; }

    /// <summary>When it was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
