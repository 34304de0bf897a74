// Validates a unified social credit code and a domain as an institution's form would, and prints what it found.
// Usage: dotnet run --project samples/Badge.Quickstart -- <code> [<domain>]
using Badge.Sdk.Identity;

Console.OutputEncoding = System.Text.Encoding.UTF8;
if (args.Length is 0 or > 2 || args[0] is "-h" or "--help")
{
    Console.WriteLine("Validates a unified social credit code (and a domain) as an institution's form would.");
    Console.WriteLine("Usage: dotnet run --project samples/Badge.Quickstart -- <code> [<domain>]");
    Console.WriteLine("  e.g. dotnet run --project samples/Badge.Quickstart -- 91350100M000100Y43 www.北京.政务");
    Console.WriteLine("Exit code: 0 valid, 1 a problem found, 2 usage.");
    return args.Length == 1 ? 0 : 2;
}

var code = args[0];
var domain = args.Length > 1 ? args[1] : null;

var result = UnifiedSocialCreditCode.Validate(code);
Console.WriteLine($"Code   '{code}'");
if (result.IsValid)
{
    var uscc = result.Code.Value;
    Console.WriteLine($"  valid: {uscc}{(result.WasNormalized ? " (normalised from what was typed)" : string.Empty)}");
    Console.WriteLine($"  registration authority {uscc.RegistrationAuthority}, category {uscc.Category}: {uscc.Kind} ({uscc.Kind.ToChineseName()})");
    Console.WriteLine($"  administrative division {uscc.AdministrativeDivision}, organisation code {uscc.OrganizationCode}, check character {uscc.CheckCharacter}");
}
else
{
    foreach (var problem in result.Problems)
    {
        Console.WriteLine($"  problem: {problem.Message} / {problem.ChineseMessage}");
    }
}

if (domain is null)
{
    return result.IsValid ? 0 : 1;
}

Console.WriteLine($"Domain '{domain}'");
if (SiteDomain.TryParse(domain, out var site, out var domainProblem))
{
    Console.WriteLine($"  valid: {site.Unicode} (ASCII {site.Ascii}); government suffix: {site.IsGovernmentDomain}");
}
else
{
    Console.WriteLine($"  problem: {domainProblem.Message} / {domainProblem.ChineseMessage}");
}

return result.IsValid && domainProblem is null ? 0 : 1;
