using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>A convenient base: declare the flows once in the constructor with <see cref="Flow"/>.</summary>
public abstract class PlatformAdapter : IPlatformAdapter
{
    private readonly Dictionary<AccountVariant, CertificationFlow> _flows = [];

    /// <summary>Creates the adapter.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="displayName">Its name.</param>
    protected PlatformAdapter(PlatformId platform, string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        Platform = platform;
        DisplayName = displayName;
    }

    /// <inheritdoc />
    public PlatformId Platform { get; }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <inheritdoc />
    public IReadOnlyList<AccountVariant> Variants => [.. _flows.Keys];

    /// <inheritdoc />
    public CertificationFlow GetFlow(AccountVariant variant) =>
        _flows.TryGetValue(variant, out var flow)
            ? flow
            : throw new NotSupportedException($"{DisplayName} ({Platform}) has no certification flow for {variant} accounts; it has: {string.Join(", ", _flows.Keys)}.");

    /// <summary>Declares the flow of a variant.</summary>
    /// <param name="variant">The variant.</param>
    /// <param name="describe">Describes its prerequisites and steps and ends it.</param>
    protected void Flow(AccountVariant variant, Func<CertificationFlowBuilder, CertificationFlow> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        _flows.Add(variant, describe(CertificationFlow.Create(Platform, variant)));
    }
}
