using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace Badge.Platform;

/// <summary>
/// The certification contact's check in the verified WeChat flows (第五/六步): the operator fills in 认证联系人信息
/// and the page shows a QR code at its bottom; the contact scans it with their own phone and confirms there; then the
/// operator clicks 下一步, and the step is completed with the contact the scan confirmed. A sample: in memory, one
/// pending contact per certification.
/// </summary>
internal sealed class ContactScans
{
    public const int MaxName = 50;
    public const int MaxPhone = 20;

    private readonly ConcurrentDictionary<string, ContactScan> _byCertification = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _certificationByToken = new(StringComparer.Ordinal);

    /// <summary>The operator filled in the contact: a new QR code for them (any earlier one stops working).</summary>
    public ContactScan Fill(string certificationId, string name, string phone)
    {
        var scan = new ContactScan(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), name, phone, Scanned: false);
        if (_byCertification.TryGetValue(certificationId, out var previous))
        {
            _certificationByToken.TryRemove(previous.Token, out _);
        }

        _byCertification[certificationId] = scan;
        _certificationByToken[scan.Token] = certificationId;
        return scan;
    }

    public ContactScan? ForCertification(string certificationId) => _byCertification.GetValueOrDefault(certificationId);

    public ContactScan? ForToken(string token) =>
        _certificationByToken.TryGetValue(token, out var id) && _byCertification.TryGetValue(id, out var scan) && scan.Token == token ? scan : null;

    /// <summary>The contact scanned the code and confirmed on their phone.</summary>
    public bool Confirm(string token)
    {
        if (!_certificationByToken.TryGetValue(token, out var id) || !_byCertification.TryGetValue(id, out var scan) || scan.Token != token)
        {
            return false;
        }

        return _byCertification.TryUpdate(id, scan with { Scanned = true }, scan) || _byCertification[id].Scanned;
    }

    /// <summary>What the contact's phone shows after the scan: who is being confirmed, and a button.</summary>
    public static string Page(ContactScan scan, bool done) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>认证联系人验证</title><link rel="stylesheet" href="/site.css"></head>
        <body><main>
        <h1>认证联系人验证</h1>
        <p>联系人：<strong id="contact-name">{{WebUtility.HtmlEncode(scan.Name)}}</strong>（{{WebUtility.HtmlEncode(Masked(scan.Phone))}}）</p>
        {{(done
            ? "<p id=\"contact-done\">验证成功，请返回电脑端点击“下一步”。</p>"
            : $"<form method=\"post\" action=\"/contact-scans/{scan.Token}\"><button type=\"submit\" id=\"contact-confirm\">确认，我是认证联系人</button></form>")}}
        </main></body></html>
        """;

    private static string Masked(string phone) => phone.Length <= 4 ? phone : new string('*', phone.Length - 4) + phone[^4..];
}

/// <summary>A pending contact: the QR's token, who, and whether they scanned and confirmed.</summary>
internal sealed record ContactScan(string Token, string Name, string Phone, bool Scanned);
