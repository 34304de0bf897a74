namespace Badge.Authority;

/// <summary>Settings of the emulator, bound from the <c>Authority</c> configuration section.</summary>
public sealed class AuthorityOptions
{
    /// <summary>The SQLite database file; created with its schema on start.</summary>
    public string DatabasePath { get; set; } = "badge-authority.db";

    /// <summary>The office named as issuer on certificates.</summary>
    public string IssuingOffice { get; set; } = "中央编办域名服务中心（本地模拟）";

    /// <summary>The USCC registration-authority and category pairs badges are issued to (the manual's scope: 11 and 12).</summary>
    public List<string> EligibleCategories { get; set; } = ["11", "12"];

    /// <summary>The authority's own key: legacy import, supersession, issuing on an institution's behalf.</summary>
    public string AuthorityApiKey { get; set; } = "demo-authority";

    /// <summary>Institutions to create on start (demo data; their keys are printed at start).</summary>
    public List<InstitutionSeed> Institutions { get; set; } = DefaultInstitutions();

    /// <summary>Platforms to register on start.</summary>
    public List<PlatformSeed> Platforms { get; set; } = DefaultPlatforms();

    /// <summary>Request bodies larger than this are refused.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long after the credential app signed it an institution's consent (a challenge answer) can carry a
    /// platform-account badge: the platform's review may take days. Default 30 days.
    /// </summary>
    public TimeSpan ConsentLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after signing an administrator's signed request (grant, revocation, appointment) is accepted. Default 10 minutes.</summary>
    public TimeSpan SignedRequestLifetime { get; set; } = TimeSpan.FromMinutes(10);

    internal static List<InstitutionSeed> DefaultInstitutions() =>
    [
        new() { Uscc = "11360922MB0001230X", Name = "万载县人民政府办公室", ApiKey = "demo-institution-a", PrimaryAdministrator = "admin-a" },
        new() { Uscc = "12360922MB000567XC", Name = "万载县融媒体中心", ApiKey = "demo-institution-b", PrimaryAdministrator = "admin-b" },
        new() { Uscc = "51360922MJ0009012T", Name = "万载县书法家协会", ApiKey = "demo-institution-c", PrimaryAdministrator = "admin-c" },
    ];

    internal static List<PlatformSeed> DefaultPlatforms() =>
    [
        new() { Id = "wechat-oa", Name = "微信公众平台", ApiKey = "demo-platform-wechat-oa" },
        new() { Id = "wechat-mp", Name = "微信小程序", ApiKey = "demo-platform-wechat-mp" },
        new() { Id = "weibo", Name = "微博", ApiKey = "demo-platform-weibo" },
        new() { Id = "kuaishou", Name = "快手", ApiKey = "demo-platform-kuaishou" },

        // A platform the SDK ships no adapter for (samples/Badge.Platform/Adapters/DouyinAdapter.cs adds one).
        new() { Id = "douyin", Name = "抖音", ApiKey = "demo-platform-douyin" },
    ];
}

/// <summary>An institution the emulator creates on start.</summary>
public sealed class InstitutionSeed
{
    /// <summary>Its unified social credit code.</summary>
    public string Uscc { get; set; } = string.Empty;

    /// <summary>Its registered name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Its API key.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The id of its primary administrator (第一管理责任人).</summary>
    public string PrimaryAdministrator { get; set; } = string.Empty;

    /// <summary>
    /// The primary administrator's one-time enrolment code (given at registration): with it, and the institution's
    /// key, that person obtains their own administrator credential. Default <c>demo-enroll-&lt;administrator&gt;</c>.
    /// </summary>
    public string? PrimaryAdministratorEnrollmentCode { get; set; }

    internal string EnrollmentCode => PrimaryAdministratorEnrollmentCode is { Length: > 0 } code ? code : "demo-enroll-" + PrimaryAdministrator;
}

/// <summary>A platform the emulator registers on start.</summary>
public sealed class PlatformSeed
{
    /// <summary>The platform id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Its display name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Its API key.</summary>
    public string ApiKey { get; set; } = string.Empty;
}
