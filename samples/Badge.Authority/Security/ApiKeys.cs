using System.Security.Cryptography;
using System.Text;
using Badge.Authority.Storage;

namespace Badge.Authority.Security;

/// <summary>API keys are stored only as SHA-256 hashes; the authority key is compared in constant time.</summary>
public static class ApiKeys
{
    /// <summary>The header that carries the key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>The hash the store keeps for a key.</summary>
    /// <param name="apiKey">The key.</param>
    /// <returns>Lower-case hex SHA-256.</returns>
    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    internal static Principal Resolve(HttpContext context, IAuthorityStore store, string authorityKeyHash)
    {
        if (!context.Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return Principal.Anonymous;
        }

        var hash = Hash(values.ToString());
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(authorityKeyHash)))
        {
            return new Principal(PrincipalRole.Authority, "authority");
        }

        return store.FindPrincipal(hash) ?? new Principal(PrincipalRole.Anonymous, "unknown-key");
    }
}
