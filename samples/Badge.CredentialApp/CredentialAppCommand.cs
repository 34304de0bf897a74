using System.CommandLine;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Badge.Sdk;
using Badge.Sdk.Challenges;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.CredentialApp;

/// <summary>
/// The commands: <c>enroll</c> (make a key, get the institution's credential from the authority, keep it as a
/// password-protected PKCS#12) and <c>scan</c> (read a platform's QR from an image, its URL or a deep link, then in the
/// manual's order: the certificate password, 确认, the 授权登录 screen with what is asked, 登录 to sign and post).
/// </summary>
public static class CredentialAppCommand
{
    /// <summary>The request was approved (or, with --deny, the deny was accepted).</summary>
    public const int Ok = 0;

    /// <summary>The platform or the app refused the request.</summary>
    public const int Refused = 1;

    /// <summary>The app could not do its job (bad input, no credential, network, locked).</summary>
    public const int Failed = 2;

    /// <summary>The deep-link scheme (the Weibo phone flow opens the app with it).</summary>
    public const string DeepLinkScheme = "badge-credential";

    /// <summary>Runs the app.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="terminal">Where to read and write.</param>
    /// <param name="time">The clock.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(string[] args, CredentialTerminal terminal, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        return RunCoreAsync(args, terminal, time ?? TimeProvider.System);
    }

    /// <summary>Anything unexpected (the app's own bug): one line, or the full exception with <c>--verbose</c>.</summary>
    public const int InternalError = 3;

    private static async Task<int> RunCoreAsync(string[] args, CredentialTerminal terminal, TimeProvider time)
    {
        var verbose = args.Contains("--verbose", StringComparer.Ordinal);
        var parse = Create(terminal, time).Parse([.. args.Where(a => a != "--verbose")]);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await terminal.Error.WriteLineAsync(error.Message);
            }

            await terminal.Error.WriteLineAsync("Run with --help for usage.");
            return Failed;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = terminal.Out, Error = terminal.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await terminal.Error.WriteLineAsync(verbose ? $"internal error: {ex}" : $"internal error: {ex.GetType().Name}: {ex.Message} (--verbose shows the details)");
            return InternalError;
        }
    }

    private static RootCommand Create(CredentialTerminal terminal, TimeProvider time)
    {
        var credentialOption = new Option<string>("--credential")
        {
            Description = "The credential file (PKCS#12). Its public chain is kept beside it as <file>.pem.",
            Recursive = true,
            DefaultValueFactory = _ => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".badge-credential", "credential.p12"),
        };
        var root = new RootCommand("The institution's identity credential app (sample): enrol, then scan platforms' QR codes.");
        root.Options.Add(credentialOption);
        root.Subcommands.Add(Enroll(terminal, credentialOption));
        root.Subcommands.Add(Scan(terminal, time, credentialOption));
        root.Subcommands.Add(Grant(terminal, time, credentialOption));
        return root;
    }

    private static Command Enroll(CredentialTerminal terminal, Option<string> credentialOption)
    {
        var authority = new Option<string>("--authority") { Description = "The authority.", DefaultValueFactory = _ => "http://127.0.0.1:5280/" };
        var apiKey = new Option<string>("--api-key") { Description = "The institution's API key at the authority.", Required = true };
        var admin = new Option<string?>("--admin") { Description = "Enrol an administrator's own credential (第一管理责任人 or 管理人) instead of the institution's: the administrator's id." };
        var enrollmentCode = new Option<string?>("--enrollment-code") { Description = "With --admin: the administrator's one-time enrolment code from the authority." };
        var command = new Command("enroll", "Make a key, ask the authority for the institution's (or an administrator's) credential, and keep it under a certificate password.") { authority, apiKey, admin, enrollmentCode };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(credentialOption)!);
            if (File.Exists(path))
            {
                await terminal.Error.WriteLineAsync($"{path} exists; remove it first to enrol again.");
                return Failed;
            }

            var administrator = parse.GetValue(admin);
            var code = parse.GetValue(enrollmentCode);
            if (administrator is not null && string.IsNullOrWhiteSpace(code))
            {
                await terminal.Error.WriteLineAsync("enrollment-code: an administrator enrols with the one-time code the authority gave them.");
                return Failed;
            }

            var password = terminal.ReadSecret("New certificate password (at least 8 characters): ");
            if (password.Length < 8 || password != terminal.ReadSecret("Repeat it: "))
            {
                await terminal.Error.WriteLineAsync(password.Length < 8 ? "password: at least 8 characters are needed." : "password: the two entries differ.");
                return Failed;
            }

            using var services = Authority(parse.GetValue(authority)!, parse.GetValue(apiKey));
            var client = services.GetRequiredService<ICredentialAuthorityClient>();
            var (key, csr) = CredentialFile.CreateKey();
            using (key)
            {
                IssuedCredential issued;
                try
                {
                    issued = administrator is null
                        ? await client.IssueCredentialAsync(csr, cancellationToken)
                        : await client.IssueAdministratorCredentialAsync(csr, administrator, code!, cancellationToken);
                }
                catch (BadgeAuthorityException ex)
                {
                    await terminal.Error.WriteLineAsync($"The authority refused: {ex.Message}");
                    return Failed;
                }

                using var certificate = issued.LoadCertificate();
                var chain = issued.LoadChain();
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, CredentialFile.Export(certificate, key, chain, password), cancellationToken);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                var pem = new StringBuilder(certificate.ExportCertificatePem()).AppendLine();
                foreach (var c in chain)
                {
                    pem.AppendLine(c.ExportCertificatePem());
                    c.Dispose();
                }

                await File.WriteAllTextAsync(path + ".pem", pem.ToString(), cancellationToken);
                await terminal.Out.WriteLineAsync($"Enrolled: {certificate.GetNameInfo(X509NameType.SimpleName, false)}, serial {issued.SerialNumber}, valid until {issued.NotAfter:yyyy-MM-dd}.");
                await terminal.Out.WriteLineAsync($"Credential: {path}");
                return Ok;
            }
        });
        return command;
    }

    private static Command Scan(CredentialTerminal terminal, TimeProvider time, Option<string> credentialOption)
    {
        var qr = new Argument<string>("qr") { Description = "The QR: an image file (PNG…), the URL it holds, or a badge-credential:// deep link." };
        var operatorId = new Option<string>("--operator") { Description = "Your operator id (the one the institution's administrator granted).", Required = true };
        var deny = new Option<bool>("--deny") { Description = "Decline the request (a signed deny)." };
        var yes = new Option<bool>("--yes") { Description = "Confirm without asking." };
        var command = new Command("scan", "Scan a platform's QR (扫一扫), type the certificate password and confirm (确认), check the authorize-login screen (授权登录), log in (登录) to sign and post.") { qr, operatorId, deny, yes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // What was scanned first: a mistyped file name is the likelier mistake, and needs no credential to report.
            Uri requestUrl;
            try
            {
                requestUrl = RequestUrl(parse.GetValue(qr)!);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException)
            {
                await terminal.Error.WriteLineAsync($"qr: {ex.Message}");
                return Failed;
            }

            var path = Path.GetFullPath(parse.GetValue(credentialOption)!);
            if (!File.Exists(path) || !File.Exists(path + ".pem"))
            {
                await terminal.Error.WriteLineAsync($"No credential at {path}; run `enroll` first.");
                return Failed;
            }

            var counter = new AttemptCounter(path, time);
            if (counter.LockedUntil() is { } locked)
            {
                await terminal.Error.WriteLineAsync($"The credential is locked until {locked.ToLocalTime():HH:mm} ({AttemptCounter.MaxAttempts} wrong passwords in a row lock it for {AttemptCounter.LockDuration.TotalMinutes:0} minutes).");
                return Failed;
            }

            using var client = new HttpClient();
            client.Timeout = TimeSpan.FromSeconds(30);
            string requestJws;
            try
            {
                requestJws = (await client.GetStringAsync(requestUrl, cancellationToken)).Trim();
            }
            catch (HttpRequestException ex)
            {
                await terminal.Error.WriteLineAsync($"The platform could not be reached at {requestUrl.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
                return Failed;
            }

            var publicChain = new X509Certificate2Collection();
            publicChain.ImportFromPemFile(path + ".pem");
            var roots = new X509Certificate2Collection(publicChain.Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData)).ToArray());
            ChallengeRequestView view;
            try
            {
                view = ChallengeSigner.Inspect(requestJws, publicChain[0], roots, time.GetUtcNow());
            }
            catch (ChallengeSignException ex)
            {
                await terminal.Error.WriteLineAsync($"Refused ({ex.Reason}): {ex.Message}");
                if (NextStep(ex.Reason, null, parse.GetValue(operatorId)!) is { } next)
                {
                    await terminal.Error.WriteLineAsync($"Next: {next}");
                }

                return Refused;
            }

            // The manual's order: 扫一扫 → 输入证书密码 → 确认 → the 授权登录 screen → 登录. The request is checked before
            // the password is asked for (a request for another institution is refused without it).
            await terminal.Out.WriteLineAsync($"扫一扫 (scanned): a request from {view.PlatformName} ({view.Platform}).");
            var password = terminal.ReadSecret("输入证书密码，按回车“确认” (Certificate password, Enter to confirm): ");
            if (counter.LockedUntil() is { } lockedMeanwhile)
            {
                // Locked by another scan while this one waited at the prompt.
                await terminal.Error.WriteLineAsync($"The credential is locked until {lockedMeanwhile.ToLocalTime():HH:mm}.");
                return Failed;
            }

            X509Certificate2 credential;
            X509Certificate2Collection chain;
            try
            {
                var opened = CredentialFile.Open(await File.ReadAllBytesAsync(path, cancellationToken), password);
                (credential, chain) = (opened.Certificate, opened.Chain);
            }
            catch (CredentialPasswordException)
            {
                var left = counter.Failed();
                await terminal.Error.WriteLineAsync(left > 0
                    ? $"Wrong certificate password; {left} more attempt(s) before the credential locks."
                    : $"Wrong certificate password; the credential is now locked for {AttemptCounter.LockDuration.TotalMinutes:0} minutes.");
                return Failed;
            }

            counter.Succeeded();
            using (credential)
            {
                await terminal.Out.WriteLineAsync("确认 (confirmed): the certificate password opened the credential.");
                await terminal.Out.WriteLineAsync();
                await terminal.Out.WriteLineAsync("授权登录 (authorize login)");
                await terminal.Out.WriteLineAsync($"  Platform:      {view.PlatformName} ({view.Platform})");
                await terminal.Out.WriteLineAsync($"  Account:       {view.MaskedAccount}");
                await terminal.Out.WriteLineAsync($"  Action:        {Describe(view.Action)}");
                await terminal.Out.WriteLineAsync($"  Display code:  {view.DisplayCode}   (check that the platform's page shows the same code)");
                await terminal.Out.WriteLineAsync($"  Expires:       {view.ExpiresAt.ToLocalTime():HH:mm:ss}");

                // 登录 signs and sends; with --deny the same screen sends a signed refusal instead.
                var approve = !parse.GetValue(deny);
                if (parse.GetValue(yes))
                {
                    await terminal.Out.WriteLineAsync(approve ? "登录 (log in): --yes" : "拒绝 (decline): --yes");
                }
                else if (!terminal.Confirm(approve ? $"登录 (log in: authorize {view.PlatformName} to certify this account)?" : "拒绝 (decline: send a signed refusal)?"))
                {
                    await terminal.Out.WriteLineAsync("Nothing was sent.");
                    return Refused;
                }

                string answer;
                try
                {
                    var answerRequest = new ChallengeAnswerRequest
                    {
                        RequestJws = requestJws,
                        Credential = credential,
                        Chain = chain,
                        Roots = roots,
                        OperatorId = parse.GetValue(operatorId)!,
                        Now = time.GetUtcNow(),
                    };
                    answer = approve ? ChallengeSigner.Approve(answerRequest) : ChallengeSigner.Deny(answerRequest);
                }
                catch (ChallengeSignException ex)
                {
                    await terminal.Error.WriteLineAsync($"Refused ({ex.Reason}): {ex.Message}");
                    return Refused;
                }
                finally
                {
                    foreach (var c in chain)
                    {
                        c.Dispose();
                    }
                }

                using var content = new StringContent(answer, Encoding.ASCII);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/jose");
                using var posted = await client.PostAsync(AnswerUrl(requestUrl), content, cancellationToken);
                var body = await posted.Content.ReadAsStringAsync(cancellationToken);
                if (!posted.IsSuccessStatusCode)
                {
                    await terminal.Error.WriteLineAsync($"The platform answered {(int)posted.StatusCode}: {body}");
                    return Failed;
                }

                using var outcome = JsonDocument.Parse(body);
                var approved = outcome.RootElement.GetProperty("approved").GetBoolean();
                var reason = outcome.RootElement.TryGetProperty("reason", out var r) ? r.GetString() : null;
                if (approved || (!approve && reason == ChallengeReasonCodes.Denied))
                {
                    await terminal.Out.WriteLineAsync(approve ? "Authorized. The platform will now attach the badge." : "Declined. The platform was told.");
                    return Ok;
                }

                await terminal.Error.WriteLineAsync($"The platform refused: {reason}{(reason is ChallengeReasonCodes.UsccMismatch or ChallengeReasonCodes.NameMismatch ? " (单位名称或统一社会信用代码不一致)" : string.Empty)}");
                if (NextStep(reason, view.Platform.Value, parse.GetValue(operatorId)!) is { } next)
                {
                    await terminal.Error.WriteLineAsync($"Next: {next}");
                }

                return Refused;
            }
        });
        return command;
    }

    // The administrator's side of the app: grant an operator use of the credential for one account (授权使用网络身份凭证),
    // revoke a grant, appoint an administrator. Each request is signed with the administrator's own credential
    // (enrolled with `enroll --admin`), so the authority knows who acts from the signature, not from what is typed.
    private static Command Grant(CredentialTerminal terminal, TimeProvider time, Option<string> credentialOption)
    {
        var authority = new Option<string>("--authority") { Description = "The authority.", DefaultValueFactory = _ => "http://127.0.0.1:5280/" };
        var apiKey = new Option<string>("--api-key") { Description = "The institution's API key at the authority.", Required = true };
        var uscc = new Option<string>("--uscc") { Description = "The institution's unified social credit code.", Required = true };
        var platform = new Option<string?>("--platform") { Description = "The platform id (wechat-oa, wechat-mp, weibo, kuaishou, …)." };
        var account = new Option<string?>("--account") { Description = "The account on the platform." };
        var operatorId = new Option<string?>("--operator") { Description = "The operator to grant." };
        var revoke = new Option<string?>("--revoke") { Description = "Revoke this grant (its id) instead of granting." };
        var appoint = new Option<string?>("--appoint") { Description = "As the primary administrator: appoint this administrator instead of granting." };
        var command = new Command("grant", "As an administrator, with your own credential: grant an operator use of the credential for one platform account (or --revoke a grant, or --appoint an administrator).")
        {
            authority, apiKey, uscc, platform, account, operatorId, revoke, appoint,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Badge.Sdk.Identity.UnifiedSocialCreditCode.TryParse(parse.GetValue(uscc), out var code))
            {
                await terminal.Error.WriteLineAsync("uscc: not a valid unified social credit code.");
                return Failed;
            }

            var (grantId, appointee) = (parse.GetValue(revoke), parse.GetValue(appoint));
            var (platformId, accountId, operatorValue) = (parse.GetValue(platform), parse.GetValue(account), parse.GetValue(operatorId));
            if (grantId is null && appointee is null && (string.IsNullOrWhiteSpace(platformId) || string.IsNullOrWhiteSpace(accountId) || string.IsNullOrWhiteSpace(operatorValue)))
            {
                await terminal.Error.WriteLineAsync("A grant needs --platform, --account and --operator.");
                return Failed;
            }

            PlatformId? grantPlatform = null;
            if (grantId is null && appointee is null)
            {
                if (!PlatformId.TryParse(platformId, out var parsedPlatform, out var platformProblem))
                {
                    await terminal.Error.WriteLineAsync($"platform: {platformProblem.Message}");
                    return Failed;
                }

                grantPlatform = parsedPlatform;
            }

            var opened = await OpenCredentialAsync(terminal, time, Path.GetFullPath(parse.GetValue(credentialOption)!), cancellationToken);
            if (opened is not var (credential, chain))
            {
                return Failed;
            }

            using var services = Authority(parse.GetValue(authority)!, parse.GetValue(apiKey));
            var client = services.GetRequiredService<IOperatorGrantClient>();
            try
            {
                var now = time.GetUtcNow();
                if (appointee is not null)
                {
                    var appointment = await client.AppointAdministratorAsync(code, new AdministratorAppointmentRequest
                    {
                        AdministratorId = appointee,
                        Signature = AdministratorSignature.SignAppointment(code, appointee, credential, chain, now),
                    }, cancellationToken);
                    await terminal.Out.WriteLineAsync($"Appointed {appointment.AdministratorId} (signed by {appointment.AppointedBy}).");
                    await terminal.Out.WriteLineAsync($"Their one-time enrolment code (hand it to them only): {appointment.EnrollmentCode}");
                    return Ok;
                }

                if (grantId is not null)
                {
                    var revoked = await client.RevokeOperatorGrantAsync(code, grantId, AdministratorSignature.SignGrantRevocation(code, grantId, credential, chain, now), cancellationToken);
                    await terminal.Out.WriteLineAsync($"Revoked grant {revoked.Id} ({revoked.Platform} account {revoked.AccountId}, operator {revoked.OperatorId}) as {revoked.RevokedBy}.");
                    return Ok;
                }

                var grant = await client.GrantOperatorAsync(code, new OperatorGrantRequest
                {
                    Platform = platformId,
                    AccountId = accountId,
                    OperatorId = operatorValue,
                    Signature = AdministratorSignature.SignGrant(code, grantPlatform!.Value, accountId!, operatorValue!, credential, chain, now),
                }, cancellationToken);
                await terminal.Out.WriteLineAsync($"Granted {grant.OperatorId} the credential for {grant.Platform} account {grant.AccountId} (grant {grant.Id}, signed by {grant.GrantedBy}).");
                return Ok;
            }
            catch (BadgeAuthorityException ex)
            {
                await terminal.Error.WriteLineAsync($"The authority refused: {ex.Message}");
                return Failed;
            }
            finally
            {
                credential.Dispose();
                foreach (var c in chain)
                {
                    c.Dispose();
                }
            }
        });
        return command;
    }

    // Opens the credential with its certificate password, counting wrong passwords as `scan` does.
    private static async Task<(X509Certificate2 Credential, X509Certificate2Collection Chain)?> OpenCredentialAsync(CredentialTerminal terminal, TimeProvider time, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await terminal.Error.WriteLineAsync($"No credential at {path}; run `enroll --admin <id> --enrollment-code <code>` first.");
            return null;
        }

        var counter = new AttemptCounter(path, time);
        if (counter.LockedUntil() is { } locked)
        {
            await terminal.Error.WriteLineAsync($"The credential is locked until {locked.ToLocalTime():HH:mm}.");
            return null;
        }

        var password = terminal.ReadSecret("Certificate password: ");
        try
        {
            var opened = CredentialFile.Open(await File.ReadAllBytesAsync(path, cancellationToken), password);
            counter.Succeeded();
            return (opened.Certificate, opened.Chain);
        }
        catch (CredentialPasswordException)
        {
            var left = counter.Failed();
            await terminal.Error.WriteLineAsync(left > 0
                ? $"Wrong certificate password; {left} more attempt(s) before the credential locks."
                : $"Wrong certificate password; the credential is now locked for {AttemptCounter.LockDuration.TotalMinutes:0} minutes.");
            return null;
        }
    }

    /// <summary>The request URL from what was scanned: an image file, the URL itself, or a deep link.</summary>
    /// <param name="scanned">A file path, an http(s) URL, or <c>badge-credential://scan?request=…</c>.</param>
    /// <returns>The request URL.</returns>
    /// <exception cref="FormatException">It is none of those.</exception>
    public static Uri RequestUrl(string scanned)
    {
        ArgumentNullException.ThrowIfNull(scanned);
        if (!File.Exists(scanned) && !scanned.Contains("://", StringComparison.Ordinal))
        {
            throw new FileNotFoundException($"file not found: {Path.GetFullPath(scanned.Trim())} (give the QR's image file, the URL it holds, or a {DeepLinkScheme}:// deep link).");
        }

        var text = File.Exists(scanned) ? QrImage.Read(File.ReadAllBytes(scanned)) : scanned.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == DeepLinkScheme)
        {
            var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
            text = query["request"] ?? throw new FormatException("the deep link has no request parameter.");
            if (!Uri.TryCreate(text, UriKind.Absolute, out uri))
            {
                throw new FormatException("the deep link's request is not an absolute URL.");
            }
        }

        if (uri is null || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !uri.AbsolutePath.EndsWith("/request", StringComparison.Ordinal))
        {
            throw new FormatException($"'{Shorten(text)}' is not a badge request (an http(s) URL ending in /request).");
        }

        return uri;
    }

    /// <summary>The deep link for a request URL (what a platform's phone page opens).</summary>
    /// <param name="requestUrl">The request URL.</param>
    /// <returns>The deep link.</returns>
    public static Uri DeepLink(Uri requestUrl) => new($"{DeepLinkScheme}://scan?request={Uri.EscapeDataString(requestUrl.AbsoluteUri)}");

    private static Uri AnswerUrl(Uri requestUrl)
    {
        var builder = new UriBuilder(requestUrl) { Query = string.Empty };
        builder.Path = builder.Path[..^"/request".Length] + "/answer";
        return builder.Uri;
    }

    private static string Describe(string action) => action switch
    {
        "certify-account" => "certify this account with the institution's badge",
        _ => action,
    };

    /// <summary>What to do after the platform refused an answer, or <see langword="null"/> when there is nothing to add.</summary>
    /// <param name="reason">The platform's reason code.</param>
    /// <param name="platform">The platform, when known.</param>
    /// <param name="operatorId">The operator who scanned.</param>
    /// <returns>One line.</returns>
    public static string? NextStep(string? reason, string? platform, string operatorId)
    {
        platform ??= "<platform>";
        return reason switch
        {
            ChallengeReasonCodes.NotGranted =>
                $"the institution's administrator grants operator '{operatorId}' the credential for this {platform} account "
                + $"(dotnet run --project samples/Badge.CredentialApp -- grant --api-key <institution key> --uscc <code> --platform {platform} --account <account id> --operator {operatorId} --admin <administrator>), then scan a new QR.",
            ChallengeReasonCodes.UsccMismatch or ChallengeReasonCodes.NameMismatch =>
                "the code and name typed on the platform must match the credential's exactly; correct them on the platform and scan the new QR.",
            ChallengeReasonCodes.Expired or ChallengeReasonCodes.Replayed or ChallengeReasonCodes.UnknownChallenge =>
                "the QR is used up or expired; refresh the platform's page and scan the new one.",
            ChallengeReasonCodes.ChainInvalid =>
                "the platform and this credential trust different authorities; start both against the same one (--Badge:Authority and enroll --authority).",
            ChallengeReasonCodes.Revoked or ChallengeReasonCodes.CertificateExpired =>
                "the credential is no longer valid; enrol again (delete the credential file, then run `enroll`).",
            _ => null,
        };
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static ServiceProvider Authority(string address, string? apiKey)
    {
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            o.ApiKey = apiKey;
        });
        return services.BuildServiceProvider();
    }
}
