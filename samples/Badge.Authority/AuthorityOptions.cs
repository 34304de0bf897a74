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
    /// The domain registry of the registries the authority itself runs (<see cref="RegistrySuffixes"/>): who holds
    /// each registered domain. A website badge for a domain under a registration its institution holds is active at
    /// once; under another's registration it is refused. Seeded for the demo institutions (A holds <c>localhost</c>,
    /// so the government-site sample validates at once on any port).
    /// </summary>
    public List<DomainRegistrationSeed> DomainRegistrations { get; set; } = DefaultDomainRegistrations();

    /// <summary>The suffixes whose registry the authority runs (中央编办域名服务中心): names under them are registered here or nowhere.</summary>
    public List<string> RegistrySuffixes { get; set; } = ["gov.cn", "政务", "公益"];

    /// <summary>The Public Suffix List file; public suffixes (<c>com.cn</c>, <c>github.io</c>, …) are refused as badge domains.</summary>
    public string? PublicSuffixListPath { get; set; } = Domains.PublicSuffixList.SystemPath;

    /// <summary>The port the authority fetches domain-validation tokens from (80, as ACME; tests change it).</summary>
    public int DomainValidationPort { get; set; } = 80;

    /// <summary>The deadline of one validation fetch, body and redirects included.</summary>
    public TimeSpan DomainValidationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often pending website badges are checked again in the background; zero turns the checks off.</summary>
    public TimeSpan DomainValidationInterval { get; set; } = TimeSpan.FromSeconds(30);

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

    internal static List<DomainRegistrationSeed> DefaultDomainRegistrations() =>
    [
        new() { Domain = "localhost", Uscc = "11360922MB0001230X" },
        new() { Domain = "wanzai.gov.cn", Uscc = "11360922MB0001230X" },
        new() { Domain = "万载政府网.政务", Uscc = "11360922MB0001230X" },
        new() { Domain = "wzrmt.公益", Uscc = "12360922MB000567XC" },
        new() { Domain = "rmt.wanzai.gov.cn", Uscc = "12360922MB000567XC" },
        new() { Domain = "www.gov.cn", Uscc = "11100000000013127D" },
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

/// <summary>A registered domain in the authority's domain registry.</summary>
public sealed class DomainRegistrationSeed
{
    /// <summary>The registered domain (Unicode or ASCII form).</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>The registrant's unified social credit code.</summary>
    public string Uscc { get; set; } = string.Empty;
}
