using Microsoft.Extensions.Options;

namespace Badge.Sdk;

/// <summary>
/// Runs an options class's generated validator where a type is made without the host (<c>new ChallengeVerifier(…)</c>),
/// so a wrong value fails there with the same message as at host start.
/// </summary>
internal static class ValidatedOptions
{
    public static void ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }
    }
}
