using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Badge.Sdk;

/// <summary>
/// A <see cref="TimeSpan"/> options property within bounds. <see cref="RangeAttribute"/> over <see cref="TimeSpan"/>
/// converts its bounds through a type converter, which trimming may break; this one parses them once, invariantly.
/// Linked into the other packages so each has its own internal copy.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TimeSpanRangeAttribute(string minimum, string maximum) : ValidationAttribute("{0} must be from {1} to {2}.")
{
    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);

    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    public override bool IsValid(object? value) => value is not TimeSpan time || (time >= Minimum && time <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.InvariantCulture, ErrorMessageString, name, Minimum, Maximum);
}
