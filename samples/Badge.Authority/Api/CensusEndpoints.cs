using System.Security.Cryptography;
using Badge.Authority.Storage;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;

namespace Badge.Authority.Api;

/// <summary>The census (互联网政务应用普查): institutions file their websites and accounts; platforms read what still needs a badge.</summary>
internal static class CensusEndpoints
{
    public static RouteGroupBuilder MapCensusEndpoints(this RouteGroupBuilder api)
    {
        var census = api.MapGroup(string.Empty).WithTags("Census");
        census.MapPost("/census-records", SubmitCensus).WithName("SubmitCensusRecords")
            .Produces<List<CensusRecord>>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(422);
        census.MapGet("/institutions/{uscc}/census-records", ListCensus).WithName("ListCensusRecords")
            .Produces<List<CensusRecord>>().ProducesProblem(403);
        census.MapGet("/platforms/{platform}/census-attachments", ListCensusAttachments).WithName("ListCensusAttachments")
            .WithSummary("Verified accounts on the platform that the census says must carry a badge, and do not yet")
            .Produces<List<CensusRecord>>().ProducesProblem(403);
        return api;
    }

    internal static IResult SubmitCensus(CensusSubmission? body, HttpContext context, IAuthorityStore store, TimeProvider time)
    {
        if (body is null)
        {
            return Problems.Missing("body");
        }

        if (Callers.OwnInstitution(context, body.Uscc ?? string.Empty, out var institution, allowAuthority: true) is { } denied)
        {
            return denied;
        }

        if (body.Entries is not { Count: > 0 } entries)
        {
            return Problems.Missing("entries");
        }

        if (entries.Count > 100)
        {
            return Problems.Invalid("entries", "invalid_field", "at most 100 entries in one submission");
        }

        var now = time.GetUtcNow();
        var rows = new List<CensusRow>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (CensusEntryRow(entries[i], $"entries[{i}].", institution.Uscc, store, now, out var row) is { } problem)
            {
                return problem;
            }

            rows.Add(row);
        }

        store.InsertCensus(rows);
        return TypedResults.Ok(rows.Select(ApiModels.ToCensus).ToList());
    }

    // One census entry checked as the API checks it (the portal files and edits entries through this too).
    internal static IResult? CensusEntryRow(CensusEntry entry, string prefix, string uscc, IAuthorityStore store, DateTimeOffset now, out CensusRow row)
    {
        row = null!;
        if (Fields.Name<OnlineName>(entry.Name, prefix + "name", out var name) is { } p1)
        {
            return p1;
        }

        string? domain = null;
        string? platform = null;
        if (entry.Platform is not null && entry.Domain is not null)
        {
            return Problems.Invalid(prefix + "domain", "invalid_field",
                $"{prefix}domain: an entry is a website (domain) or a platform account (platform and accountId), not both; file two entries");
        }

        if (entry.Platform is null)
        {
            if (Fields.Domain(entry.Domain, prefix + "domain", out var d) is { } p2)
            {
                return p2;
            }

            domain = d.Ascii;
        }
        else
        {
            if (Fields.Platform(entry.Platform, prefix + "platform", out var p) is { } p3)
            {
                return p3;
            }

            if (InputRules.RegisteredPlatform(store, p, prefix + "platform") is { } p5)
            {
                return p5;
            }

            if (Fields.Identifier(entry.AccountId, prefix + "accountId") is { } p4)
            {
                return p4;
            }

            platform = p.Value;
        }

        row = new CensusRow(
            "cen-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)), uscc, platform,
            entry.AccountId?.Trim(), domain, name.Value, entry.Verified, now);
        return null;
    }

    private static IResult ListCensus(string uscc, HttpContext context, IAuthorityStore store)
    {
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Platform)
        {
            if (Fields.Uscc(uscc, "uscc", out var code) is { } problem)
            {
                return problem;
            }

            return TypedResults.Ok(store.ListCensus(code.ToString()).Where(r => r.Platform == principal.Subject).Select(ApiModels.ToCensus).ToList());
        }

        if (Callers.OwnInstitution(context, uscc, out var institution, allowAuthority: true) is { } denied)
        {
            return denied;
        }

        return TypedResults.Ok(store.ListCensus(institution.Uscc).Select(ApiModels.ToCensus).ToList());
    }

    private static IResult ListCensusAttachments(string platform, HttpContext context, IAuthorityStore store)
    {
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Anonymous)
        {
            return Problems.Unauthorized();
        }

        if (principal.Role != PrincipalRole.Authority && (principal.Role != PrincipalRole.Platform || principal.Subject != platform))
        {
            return Problems.Forbidden("a platform key reads the census attachments of its own platform only");
        }

        return TypedResults.Ok(store.ListPendingCensusAttachments(platform)
            .Select(r => ApiModels.ToCensus(r) with { OrganizerName = OrganizerName.TryParse(store.GetInstitution(r.Uscc)?.Name, out var name) ? name : null }).ToList());
    }
}
