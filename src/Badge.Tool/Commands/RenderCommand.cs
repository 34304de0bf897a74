using System.CommandLine;
using System.Text;
using Badge.Sdk.Rendering;

namespace Badge.Tool.Commands;

/// <summary><c>badge render &lt;id&gt;</c>: prints a badge's footer fragment and its embed code, each under a label, or one alone for a pipe.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "A badge id." };
        var footerOnly = new Option<bool>("--footer") { Description = "Print only the footer fragment (no label), for a pipe." };
        var embedOnly = new Option<bool>("--embed") { Description = "Print only the embed code (no label), for a pipe." };
        var command = new Command("render", "Print a badge's footer fragment and its embed code, each under a label.") { id, footerOnly, embedOnly };
        command.SetAction((parse, cancellationToken) => AuthorityServices.CallAsync(parse, parse.GetValue(id), async client =>
        {
            var certificate = await client.GetCertificateAsync(parse.GetValue(id)!, cancellationToken);
            var authority = GlobalOptions.AuthorityAddress(parse);
            var footer = Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(certificate));
            var embed = BadgeFooterRenderer.RenderEmbedCode(
                certificate.BadgeId, new Uri(authority, $"badges/{certificate.BadgeId}.js"), certificate.CertificateUrl!,
                certificate.ImageUrl ?? new Uri(authority, $"badges/{certificate.BadgeId}.svg"), certificate.OrganizerName.Value);
            bool onlyFooter = parse.GetValue(footerOnly), onlyEmbed = parse.GetValue(embedOnly);
            if (onlyFooter || onlyEmbed)
            {
                if (onlyFooter)
                {
                    Console.WriteLine(footer);
                }

                if (onlyEmbed)
                {
                    Console.WriteLine(embed);
                }

                return ExitCodes.Pass;
            }

            Console.WriteLine("Footer fragment (what Badge.Sdk.AspNetCore writes before </body>; needs /_badge/badge.css):");
            Console.WriteLine(footer);
            Console.WriteLine();
            Console.WriteLine("Embed code (to paste into a page the server cannot change):");
            Console.WriteLine(embed);
            return ExitCodes.Pass;
        }));
        return command;
    }
}
