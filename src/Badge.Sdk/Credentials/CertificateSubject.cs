using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Badge.Sdk.Credentials;

// What a credential certificate from the authority's CA says of its holder: the institution's code
// (organizationIdentifier), its name (O) and the holder's role (the authority's role extension). Read by every
// verifier of an x5c chain: challenge requests and answers, administrators' signatures.
internal static class CertificateSubject
{
    // The authority's private extension holding the holder's role (e.g. "administrator:<id>"), a DER UTF8String.
    public const string RoleExtensionOid = "1.3.6.1.4.1.60000.1.1";

    private const string OrganizationIdentifierOid = "2.5.4.97";

    private const string OrganizationNameOid = "2.5.4.10";

    public static string? OrganizationIdentifier(X509Certificate2 certificate) => Attribute(certificate, OrganizationIdentifierOid);

    public static string? OrganizationName(X509Certificate2 certificate) => Attribute(certificate, OrganizationNameOid);

    public static string? Role(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[RoleExtensionOid];
        if (extension is null)
        {
            return null;
        }

        try
        {
            return new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static string? Attribute(X509Certificate2 certificate, string oid)
    {
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == oid)
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }
}
