using Badge.CredentialApp;
using Badge.Platform;
using Microsoft.Playwright;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// What the platform sample's browser tests share: the sample for one platform on a free port with its embedded
/// emulator and its data in a folder of its own, the demo administrator who grants the operator the account, the
/// credential app run in process, and the page steps every walk clicks through.
/// </summary>
public abstract class PlatformPageTest(string platform, string dataPrefix) : IAsyncLifetime
{
    protected const string Password = "correct horse 9";
    protected const string Organizer = "万载县人民政府办公室";
    private DemoAdministrator? _administrator;

    /// <summary>The sample's data folder, deleted after the test.</summary>
    protected string Data { get; } = Directory.CreateTempSubdirectory(dataPrefix).FullName;

    /// <summary>The running platform sample.</summary>
    protected PlatformApp Host { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        Host = await PlatformApp.StartAsync([$"--Platform:Id={platform}", "--Platform:Port=0", $"--Badge:DataDirectory={Data}", "--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);

    public async ValueTask DisposeAsync()
    {
        _administrator?.Dispose();
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Data, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The institution's administrator grants operator <c>op-1</c> the account on this platform.</summary>
    protected Task GrantAsync(string account) => (_administrator ??= new DemoAdministrator(Host.AuthorityAddress)).GrantAsync(platform, account, Ct);

    /// <summary>Enrols the institution's credential with the credential app, as the operator does once; its path.</summary>
    protected async Task<string> EnrollAsync()
    {
        var credential = Path.Combine(Data, "credential.p12");
        var (code, _, error) = await App($"enroll --credential {credential} --authority {Host.AuthorityAddress} --api-key demo-institution-a", $"{Password}\n{Password}\n");
        Assert.True(code == 0, error);
        return credential;
    }

    /// <summary>
    /// Opens the sample's start page in a new page of the browser and starts the account's certification as the
    /// operator does (the variant, the account, its name, the institution's code and name); console errors go to the list.
    /// </summary>
    protected async Task<IPage> StartCertificationAsync(IBrowser browser, string variant, string account, int height, List<string> consoleErrors)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = height } });
        page.Console += (_, message) => { if (message.Type == "error") { consoleErrors.Add(message.Text); } };
        await page.GotoAsync(Host.Address.ToString());
        await page.SelectOptionAsync("#variant", variant);
        await page.FillAsync("input[name=accountId]", account);
        await page.FillAsync("input[name=accountName]", "万载发布");
        await page.FillAsync("input[name=uscc]", DemoAdministrator.Uscc);
        await page.FillAsync("input[name=name]", Organizer);
        await page.ClickAsync("#start button[type=submit]");
        return page;
    }

    /// <summary>Runs the credential app with the given arguments and typed input.</summary>
    protected static async Task<(int Code, string Output, string Error)> App(string commandLine, string input)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CredentialAppCommand.RunAsync(commandLine.Split(' '), new CredentialTerminal(new StringReader(input), output, error, Interactive: false));
        return (code, output.ToString(), error.ToString());
    }

    // Clicks the next step's button and waits until the page shows another step as next: a second click straight
    // after the first could land on the same step's button before the list is redrawn.
    protected static async Task CompleteNextStepAsync(IPage page)
    {
        var before = await page.InnerTextAsync("#steps li.next");
        await page.ClickAsync("#steps li.next button");
        await page.WaitForFunctionAsync(
            "before => { const next = document.querySelector('#steps li.next'); return !next || next.innerText !== before; }",
            before);
    }

    /// <summary>
    /// Saves a screenshot of the QR image to the path and reads it, as a phone's camera does: it looks again when a
    /// frame cannot be read (a busy machine can paint the image late), up to five times. The saved file is the frame read.
    /// </summary>
    protected static async Task<string> ReadQrAsync(ILocator image, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            await image.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
            try
            {
                return QrImage.Read(await File.ReadAllBytesAsync(path, Ct));
            }
            catch (InvalidDataException) when (attempt < 5)
            {
                await Task.Delay(500, Ct);
            }
        }
    }

    /// <summary>Waits up to 20 s for the element to show exactly the text.</summary>
    protected static async Task Expect(ILocator locator, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await locator.InnerTextAsync() != text)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected '{text}', the page shows '{await locator.InnerTextAsync()}'");
            await Task.Delay(100, Ct);
        }
    }
}
