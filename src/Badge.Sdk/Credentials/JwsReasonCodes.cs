namespace Badge.Sdk.Credentials;

// The public codes a caller of the shared JWS reader reports for each of its problems (the challenge protocol's
// ChallengeReasonCodes, administrator requests' AdministratorRequestCodes): one mapping, each caller its own codes.
// A wrong key or a leaf of the wrong role is reported as a chain that does not lead where it must.
internal readonly record struct JwsReasonCodes(string Malformed, string AlgorithmNotAllowed, string ChainInvalid, string CertificateExpired, string BadSignature)
{
    public string For(JwsProblem problem) => problem switch
    {
        JwsProblem.AlgorithmNotAllowed => AlgorithmNotAllowed,
        JwsProblem.CertificateExpired => CertificateExpired,
        JwsProblem.ChainInvalid or JwsProblem.RoleNotAllowed or JwsProblem.WrongKey => ChainInvalid,
        JwsProblem.BadSignature => BadSignature,
        _ => Malformed,
    };
}
