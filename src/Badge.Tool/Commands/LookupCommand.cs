using System.CommandLine;
using System.Text.Json;

namespace Badge.Tool.Commands;

/// <summary><c>badge lookup &lt;id&gt;</c>: prints a badge and its certificate (the signed document, verified) as JSON.</summary>
internal static class LookupCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "A badge id, or a legacy id." };
        var command = new Command("lookup", "Read a badge and its certificate from the authority (the signed document, verified).") { id };
        command.SetAction((parse, cancellationToken) => AuthorityServices.CallAsync(parse, parse.GetValue(id), async client =>
        {
            var badge = await client.GetBadgeAsync(parse.GetValue(id)!, cancellationToken);
            var signed = await client.GetSignedCertificateAsync(badge.Id, cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(new { badge, certificate = signed.Certificate }, ToolJson.Options));
            return ExitCodes.Pass;
        }));
        return command;
    }
}
