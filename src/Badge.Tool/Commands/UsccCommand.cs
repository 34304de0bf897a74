using System.CommandLine;
using Badge.Sdk.Identity;

namespace Badge.Tool.Commands;

/// <summary><c>badge uscc &lt;code&gt;</c>: explains a unified social credit code part by part, or says exactly what is wrong (exit code 1).</summary>
internal static class UsccCommand
{
    public static Command Create()
    {
        var code = new Argument<string>("code") { Description = "A unified social credit code, as typed." };
        var command = new Command("uscc", "Explain a unified social credit code part by part, or say exactly what is wrong.") { code };
        command.SetAction(parse =>
        {
            var result = UnifiedSocialCreditCode.Validate(parse.GetValue(code));
            if (!result.IsValid)
            {
                foreach (var problem in result.Problems)
                {
                    Console.WriteLine($"✗ {problem.Message}（{problem.ChineseMessage}）");
                }

                return ExitCodes.HasFindings;
            }

            var c = result.Code.Value;
            Console.WriteLine($"✓ {c}{(result.WasNormalized ? "（已规范化）" : string.Empty)}");
            Console.WriteLine($"  1     registration authority 登记管理部门   {c.RegistrationAuthority}");
            Console.WriteLine($"  2     category 机构类别                    {c.Category}  → {c.Kind} {c.Kind.ToChineseName()}");
            Console.WriteLine($"  3-8   administrative division 行政区划码   {c.AdministrativeDivision}");
            Console.WriteLine($"  9-17  organisation code 主体标识码          {c.OrganizationCode}");
            Console.WriteLine($"  18    check character 校验码               {c.CheckCharacter}");
            Console.WriteLine(c.Kind.IsInBadgeScope() ? "  Badges are issued to this kind of institution." : "  Badges are not issued to this kind (only 机关 11 and 事业单位 12).");
            return ExitCodes.Pass;
        });
        return command;
    }
}
