using System.CommandLine;
using Badge.Sdk.Certificates;
using Badge.Sdk.Issuance;

namespace Badge.Tool.Commands;

/// <summary><c>badge issue</c>: issues a website badge with an institution's API key and prints its id, certificate and embed code.</summary>
internal static class IssueCommand
{
    public static Command Create()
    {
        var uscc = new Option<string>("--uscc") { Required = true, Description = "The institution's unified social credit code." };
        var organizer = new Option<string>("--organizer") { Required = true, Description = "The organizer name (主办单位名称)." };
        var name = new Option<string>("--name") { Required = true, Description = "The site's online name (网上名称)." };
        var domain = new Option<string>("--domain") { Required = true, Description = "The site's domain." };
        var command = new Command("issue", "Issue a website badge (needs an institution's API key).") { uscc, organizer, name, domain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(GlobalOptions.ApiKeyValue(parse)))
            {
                await Console.Error.WriteLineAsync("badge issue needs the institution's API key: pass --api-key <key> or set BADGE_API_KEY.");
                return ExitCodes.UsageOrInputError;
            }

            return await AuthorityServices.CallAsync(parse, id: null, async client =>
            {
                var issued = await client.IssueBadgeAsync(new IssueBadgeRequest
                {
                    Kind = BadgeKind.Website,
                    Uscc = parse.GetValue(uscc),
                    OrganizerName = parse.GetValue(organizer),
                    OnlineName = parse.GetValue(name),
                    Domain = parse.GetValue(domain),
                }, cancellationToken);
                Console.WriteLine($"issued {issued.Id}");
                Console.WriteLine($"certificate {issued.CertificateUrl}");
                Console.WriteLine($"embed code  {issued.EmbedCode}");
                return ExitCodes.Pass;
            });
        });
        return command;
    }
}
