using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Badge.Sdk.Tests.Architecture;

/// <summary>
/// The dependency rules of docs/architecture.md, read from that file and held against the compiled libraries:
/// every namespace uses only what its row allows, the rules have no cycle, the core never references ASP.NET Core,
/// and no library keeps process-wide mutable state in a static field.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly Assembly[] Libraries =
    [
        typeof(Badge.Sdk.Identity.UnifiedSocialCreditCode).Assembly,
        typeof(Badge.Sdk.AspNetCore.Footer.BadgeFooterOptions).Assembly,
        typeof(Badge.Sdk.Redis.RedisChallengeStore).Assembly,
        typeof(Badge.Sdk.QrCodes.ChallengeQrCode).Assembly,
    ];

    private static readonly Lazy<Dictionary<string, IReadOnlySet<string>>> Rules = new(ReadRules);

    private static readonly Lazy<List<(string From, string To)>> Exceptions = new(ReadExceptions);

    public static TheoryData<string> Namespaces() => [.. Rules.Value.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void EachNamespace_UsesOnlyWhatItsRowAllows(string name)
    {
        var allowed = Rules.Value[name].Concat(Exceptions.Value.Where(e => e.From == name).Select(e => e.To)).ToHashSet(StringComparer.Ordinal);
        var others = Rules.Value.Keys
            .Where(other => other != name && !allowed.Contains(other) && !other.StartsWith(name + ".", StringComparison.Ordinal))
            .ToList();
        // Dependencies match by prefix, so an enclosing namespace (Footer for Footer.Scanning) is forbidden type by type.
        var forbidden = others.Where(other => !name.StartsWith(other + ".", StringComparison.Ordinal))
            .Concat(others.Where(other => name.StartsWith(other + ".", StringComparison.Ordinal))
                .SelectMany(other => Libraries.SelectMany(a => a.GetTypes()).Where(t => t.Namespace == other && !t.IsNested).Select(t => t.FullName!)))
            .ToArray();

        var result = Types.InAssemblies(Libraries).That().ResideInNamespaceMatching($@"^{Regex.Escape(name)}(\..+)?$")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{name} may use only [{string.Join(", ", allowed)}], but:\n" + Describe(result));
    }

    [Fact]
    public void EachKnownException_IsStillUsed()
    {
        // The list of exceptions can only shrink: one no longer used must leave the document.
        foreach (var (from, to) in Exceptions.Value)
        {
            var result = Types.InAssemblies(Libraries).That().ResideInNamespaceMatching($@"^{Regex.Escape(from)}(\..+)?$")
                .ShouldNot().HaveDependencyOnAny(to).GetResult();

            Assert.False(result.IsSuccessful, $"{from} no longer uses {to}: remove the exception from docs/architecture.md");
        }
    }

    [Fact]
    public void EveryNamespaceOfTheLibraries_HasARow()
    {
        var roots = new HashSet<string>(StringComparer.Ordinal) { "Badge.Sdk", "Badge.Sdk.AspNetCore" };
        var missing = Libraries.SelectMany(a => a.GetTypes()).Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Badge.Sdk", StringComparison.Ordinal) && !roots.Contains(n) && !Rules.Value.ContainsKey(n))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "namespaces with no row in docs/architecture.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void TheRules_HaveNoCycle()
    {
        var cycle = FindCycle(Rules.Value);

        Assert.True(cycle is null, "the dependency rules have a cycle: " + (cycle is null ? string.Empty : string.Join(" → ", cycle)));
    }

    [Fact]
    public void ACycle_IsFound()
    {
        // The cycle check itself, on a table with one: without this the test above could pass by finding nothing.
        var rules = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            ["A"] = new HashSet<string> { "B" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string> { "A" },
            ["D"] = new HashSet<string>(),
        };

        Assert.Equal(["A", "B", "C", "A"], FindCycle(rules));
    }

    [Fact]
    public void AForbiddenDependency_IsReported()
    {
        // The rule on a real case that breaks it: the AspNetCore footer uses the core's Issuance, so forbidding
        // Issuance to it must fail. Without this the theory above could pass by selecting no types.
        var result = Types.InAssemblies(Libraries).That().ResideInNamespaceMatching(@"^Badge\.Sdk\.AspNetCore\.Footer(\..+)?$")
            .ShouldNot().HaveDependencyOnAny("Badge.Sdk.Issuance").GetResult();

        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void EachJsonContext_SerializesOnlyWhatItsNamespaceMayUse()
    {
        // NetArchTest passes over generated code, and a JsonSerializerContext is generated: one context listing the
        // types of every folder would hide a dependency from each folder to all the others. So each folder has a
        // context of its own, and this holds every type a context has metadata for against the context's row.
        var contexts = Libraries.SelectMany(a => a.GetTypes()).Where(t => t.IsSubclassOf(typeof(System.Text.Json.Serialization.JsonSerializerContext))).ToList();
        var offenders = new List<string>();
        foreach (var context in contexts)
        {
            var name = context.Namespace!;
            if (!Rules.Value.TryGetValue(name, out var allowed))
            {
                continue; // a root namespace (registration) may use everything in its package
            }

            var used = context.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(System.Text.Json.Serialization.Metadata.JsonTypeInfo<>))
                .SelectMany(p => Flatten(p.PropertyType.GetGenericArguments()[0]))
                .Where(t => t.Namespace is { } n && n.StartsWith("Badge.", StringComparison.Ordinal) && n != name && !allowed.Contains(n))
                .Select(t => $"{context.FullName} → {t.FullName}")
                .Distinct(StringComparer.Ordinal);
            offenders.AddRange(used);
        }

        Assert.True(contexts.Count >= 5, "the core's JSON contexts were not found");
        Assert.True(offenders.Count == 0, "JSON contexts with another folder's types:\n" + string.Join("\n", offenders));
    }

    private static IEnumerable<Type> Flatten(Type type) =>
        type.IsArray ? Flatten(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Prepend(type)
        : [type];

    [Fact]
    public void TheCore_NeverReferencesAspNetCore()
    {
        var core = typeof(Badge.Sdk.Identity.UnifiedSocialCreditCode).Assembly;

        Assert.DoesNotContain(core.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var result = Types.InAssembly(core).ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore").GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void NoLibrary_KeepsMutableStateInAStaticField()
    {
        const BindingFlags statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var offenders = Libraries.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && !t.Name.Contains('<', StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(statics).Select(f => (Type: t, Field: f)))
            .Where(x => !x.Field.IsLiteral && !x.Field.Name.Contains('<', StringComparison.Ordinal) && !x.Field.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Where(x => !x.Field.IsInitOnly || IsMutableContainer(x.Field.FieldType))
            .Select(x => $"{x.Type.FullName}.{x.Field.Name} ({x.Field.FieldType.Name})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offenders.Count == 0, "process-wide mutable statics:\n" + string.Join("\n", offenders));
    }

    // Collections one can add to; arrays are left out (lookup tables are static readonly arrays written once).
    private static bool IsMutableContainer(Type type) =>
        !type.IsArray && type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)
        && type.GetMethods().Any(m => m.Name is "Add" or "TryAdd" or "GetOrAdd" or "AddOrUpdate" or "Enqueue" or "Push" && !m.IsStatic)
        && !type.Name.StartsWith("Frozen", StringComparison.Ordinal) && !type.Name.StartsWith("Immutable", StringComparison.Ordinal);

    private static string Describe(NetArchTest.Rules.TestResult result) =>
        string.Join("\n", (result.FailingTypes ?? []).Select(t => $"  {t.FullName}: {t.Explanation}"));

    private static List<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlySet<string>> rules)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in rules.TryGetValue(node, out var uses) ? uses.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in rules.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static string Document()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "architecture.md")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return File.ReadAllText(Path.Combine(directory.FullName, "docs", "architecture.md"));
    }

    private static List<(string From, string To)> ReadExceptions()
    {
        var text = Document();
        var section = text[text.IndexOf("### Known exceptions", StringComparison.Ordinal)..];
        return [.. ExceptionRow().Matches(section).Select(m => (m.Groups["from"].Value, m.Groups["to"].Value))];
    }

    private static Dictionary<string, IReadOnlySet<string>> ReadRules()
    {
        var text = Document();
        var start = text.IndexOf("## Dependency rules", StringComparison.Ordinal);
        var section = text[start..text.IndexOf("### Known exceptions", start, StringComparison.Ordinal)];
        var rules = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (Match row in Row().Matches(section))
        {
            var uses = row.Groups["uses"].Value.Trim() == "nothing"
                ? new HashSet<string>(StringComparer.Ordinal)
                : Name().Matches(row.Groups["uses"].Value).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            rules.Add(row.Groups["name"].Value, uses);
        }

        Assert.True(rules.Count > 5, "the dependency table of docs/architecture.md could not be read");
        return rules;
    }

    [GeneratedRegex(@"^\| `(?<name>Badge\.[A-Za-z.]+)` \| (?<uses>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"^\| `(?<from>Badge\.[A-Za-z.]+)` \| `(?<to>Badge\.[A-Za-z.]+)` \| .+ \|$", RegexOptions.Multiline)]
    private static partial Regex ExceptionRow();

    [GeneratedRegex(@"`(Badge\.[A-Za-z.]+)`")]
    private static partial Regex Name();
}
