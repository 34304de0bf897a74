using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Badge.Sdk.Issuance;
using Microsoft.Data.Sqlite;
using static Badge.Sdk.IntegrationTests.Trust.TrustSites;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Trust;

/// <summary>
/// Strict input: the bodies an attacker crafts by hand (integer enums, invisible characters in ids, unknown platforms,
/// a census entry that is two things at once, malformed JSON) are refused with a problem naming the field and the
/// JSON path, and a fuzz run over every write endpoint changes nothing in the store.
/// </summary>
public sealed class InputTrustTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _host = fixture.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("5")]
    [InlineData("1")]
    [InlineData("\"5\"")]
    [InlineData("\"1\"")]
    [InlineData("\"website, platformAccount\"")]
    [InlineData("\"Platform\"")]
    [InlineData("null")]
    [InlineData("true")]
    public async Task Issue_KindNotANameTheProtocolDefines_IsRefused_TheAccountTakeover(string kind)
    {
        var before = await SnapshotAsync();
        var body = $$"""
            {"kind":{{kind}},"uscc":"{{InstitutionA}}","onlineName":"万载发布","platform":"weibo","accountId":"victim-account","domain":"{{UniqueDomain()}}"}
            """;

        var (status, problem, contentType) = await PostRawAsync(_host, "api/v1/badges", KeyA, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(AuthorityErrorCodes.InvalidBody, problem.Prop("code"));
        Assert.Equal("kind", problem.Prop("field"));
        Assert.Equal("$.kind", problem.Prop("reason"));
        Assert.Contains("\"website\"", problem.Prop("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("""{"kind":"website","kind":"platformAccount"}""", "kind", "$.kind")]
    [InlineData("""{"kind":"website","status":"active"}""", "status", "$.status")]
    [InlineData("""{"kind":"website","uscc":18}""", "uscc", "$.uscc")]
    [InlineData("""{"kind":"website","entries":{}}""", "entries", "$.entries")]
    [InlineData("""{"kind":"website","uscc":"x",""", "body", "$")]
    public async Task Issue_MalformedBody_NamesTheFieldAndPath(string body, string field, string path)
    {
        var (status, problem, _) = await PostRawAsync(_host, "api/v1/badges", KeyA, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(AuthorityErrorCodes.InvalidBody, problem.Prop("code"));
        Assert.Equal(field, problem.Prop("field"));
        Assert.Equal(path, problem.Prop("reason"));
        Assert.StartsWith(field + ":", problem.Prop("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accountId", "\u202Egnp.exe")]
    [InlineData("operatorId", "op\u200B1")]
    [InlineData("operatorId", "op\u2066x\u2069")]
    [InlineData("accountId", "acc\uFEFF")]
    [InlineData("operatorId", "op\u2028x")]
    public async Task Grant_IdWithBidiOrInvisibleCharacters_IsRefused(string field, string value)
    {
        var request = new JsonObject
        {
            ["platform"] = "weibo",
            ["accountId"] = "wanzai-fabu",
            ["operatorId"] = "op-1",
            ["signature"] = "checked-after-the-ids",
        };
        request[field] = value;
        var before = await SnapshotAsync();

        var (status, problem, _) = await PostRawAsync(_host, $"api/v1/institutions/{InstitutionA}/operator-grants", KeyA, request.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, problem.Prop("field"));
        Assert.Equal("id.invalid_character", problem.Prop("reason"));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Grant_ForAPlatformNobodyRegistered_IsRefused()
    {
        var before = await SnapshotAsync();
        var body = """{"platform":"myspace","accountId":"wanzai","operatorId":"op-1","signature":"checked-after-the-platform"}""";

        var (status, problem, _) = await PostRawAsync(_host, $"api/v1/institutions/{InstitutionA}/operator-grants", KeyA, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(AuthorityErrorCodes.UnknownPlatform, problem.Prop("code"));
        Assert.Equal("platform", problem.Prop("field"));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Census_EntryWithBothADomainAndAPlatform_IsRefused_NothingFiled()
    {
        var before = await SnapshotAsync();
        var submission = new CensusSubmission
        {
            Uscc = InstitutionB.ToString(),
            Entries =
            [
                new CensusEntry { Domain = UniqueDomain(), Name = "万载融媒" },
                new CensusEntry { Platform = "kuaishou", AccountId = "wanzai-ks", Domain = "wanzai.gov.cn", Name = "万载快手", Verified = true },
            ],
        };

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Census(KeyB).SubmitCensusRecordsAsync(submission, Ct));

        Assert.Equal(400, ex.Status);
        Assert.Equal("entries[1].domain", ex.Field);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Fuzz_EveryWriteEndpoint_AnswersA4xxProblem_AndChangesNothing()
    {
        var badge = await _host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("fuzz")), Ct);
        var endpoints = new (string Path, string Key, JsonObject Valid)[]
        {
            ("api/v1/badges", KeyA, JsonNode.Parse($$"""{"kind":"website","uscc":"{{InstitutionA}}","organizerName":"万载县人民政府办公室","onlineName":"万载","domain":"{{UniqueDomain("f")}}"}""")!.AsObject()),
            ($"api/v1/badges/{badge.Id}/revoke", KeyA, JsonNode.Parse("""{"reason":"网站已关停"}""")!.AsObject()),
            ($"api/v1/badges/{badge.Id}/supersede", AuthorityKey, JsonNode.Parse($$"""{"replacementId":"{{badge.Id}}"}""")!.AsObject()),
            ("api/v1/legacy-badges", AuthorityKey, JsonNode.Parse($$"""{"legacyId":"{{new string('a', 32)}}","uscc":"{{InstitutionA}}","organizerName":"万载县人民政府办公室","onlineName":"旧","domain":"{{UniqueDomain("l")}}"}""")!.AsObject()),
            ($"api/v1/institutions/{InstitutionA}/administrators", KeyA, JsonNode.Parse("""{"administratorId":"adm-2","signature":"not-a-signed-request"}""")!.AsObject()),
            ($"api/v1/institutions/{InstitutionA}/operator-grants", KeyA, JsonNode.Parse("""{"platform":"weibo","accountId":"acc","operatorId":"op","signature":"not-a-signed-request"}""")!.AsObject()),
            ($"api/v1/institutions/{InstitutionA}/operator-grants/grt-none/revoke", KeyA, JsonNode.Parse("""{"signature":"not-a-signed-request"}""")!.AsObject()),
            ("api/v1/census-records", KeyA, JsonNode.Parse($$"""{"uscc":"{{InstitutionA}}","entries":[{"domain":"{{UniqueDomain("c")}}","name":"万载","verified":false}]}""")!.AsObject()),
            ("api/v1/credentials", KeyA, JsonNode.Parse("""{"csr":"MIIB"}""")!.AsObject()),
            ("api/v1/platform-credentials", WeiboKey, JsonNode.Parse("""{"csr":"MIIB"}""")!.AsObject()),
        };
        var random = new Random(20261203);
        var before = await SnapshotAsync();
        var failures = new List<string>();

        for (var round = 0; round < 40; round++)
        {
            foreach (var (path, key, valid) in endpoints)
            {
                var body = Mutate(valid, random);
                var (status, problem, contentType) = await PostRawAsync(_host, path, key, body);
                var code = (int)status;
                if (code is < 400 or >= 500 || contentType != "application/problem+json" || problem.Prop("code") is null)
                {
                    failures.Add($"{path} {body} -> {code} {contentType} {problem}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(before, await SnapshotAsync());
    }

    // One malformed variant of a valid body: broken JSON, a wrong type, an integer or unknown enum, an invisible
    // character, an unknown or duplicated property, a missing field, an oversized value, or a different shape.
    private static string Mutate(JsonObject valid, Random random)
    {
        var body = (JsonObject)valid.DeepClone();
        var keys = body.Select(p => p.Key).ToArray();
        var key = keys[random.Next(keys.Length)];
        switch (random.Next(12))
        {
            case 0:
                var text = body.ToJsonString();
                return text[..random.Next(1, text.Length - 1)];
            case 1:
                body[key] = random.Next(2) == 0 ? random.Next(-9, 99) : true;
                break;
            case 2:
                body[key] = new JsonArray(1, "x", null);
                break;
            case 3:
                body[key] = new JsonObject { ["$ref"] = "#" };
                break;
            case 4:
                body[key] = body[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Insert(Math.Min(1, s.Length), "\u202E\u200B") : "\u202E";
                break;
            case 5:
                body["unexpected" + random.Next(100)] = "x";
                break;
            case 6:
                var json = body.ToJsonString();
                return json.Insert(1, $"\"{key}\":\"dup\",");
            case 7:
                body.Remove(key);
                if (body.Count == keys.Length - 1 && keys.Length == 1)
                {
                    return "{}";
                }

                body[keys[0] == key ? "kind" : keys[0]] = null;
                break;
            case 8:
                body[key] = new string('长', 5000);
                break;
            case 9:
                return random.Next(3) switch { 0 => "[]", 1 => "\"text\"", _ => "42" };
            case 10:
                body["kind"] = random.Next(2) == 0 ? 5 : "platformaccount ";
                body[key] = "\u0000";
                break;
            default:
                return "{" + new string('{', random.Next(1, 80));
        }

        return body.ToJsonString();
    }

    // Everything the store holds that a write could change (the idempotency replay cache aside).
    private async Task<string> SnapshotAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_host.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        var snapshot = new StringBuilder();
        foreach (var table in new[] { "badges", "grants", "administrators", "audit", "census", "credentials", "institutions", "platforms", "domain_validations" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            snapshot.Append(table).Append(':');
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    snapshot.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                snapshot.Append('\n');
            }
        }

        return snapshot.ToString();
    }
}
