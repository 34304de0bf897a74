// Validates a unified social credit code and a domain as an institution's form would, and prints what it found.
// Usage: dotnet run --project samples/Badge.Quickstart [-- <code> <domain>]
using Badge.Sdk.Identity;

Console.OutputEncoding = System.Text.Encoding.UTF8;
var code = args.Length > 0 ? args[0] : " １２１１００００ｍａ０１ａｂｃｄ５ｔ ";
var domain = args.Length > 1 ? args[1] : "https://www.万载政府网.政务/index.html";

var result = UnifiedSocialCreditCode.Validate(code);
Console.WriteLine($"Code   '{code}'");
if (result.IsValid)
{
    var uscc = result.Code;
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
