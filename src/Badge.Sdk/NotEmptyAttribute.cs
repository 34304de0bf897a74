using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace Badge.Sdk;

/// <summary>
/// A collection options property that must hold at least one item (<see cref="MinLengthAttribute"/> reads
/// <c>Count</c> by reflection, which trimming may break). Linked into the other packages so each has its own copy.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NotEmptyAttribute() : ValidationAttribute("{0} must hold at least one item.")
{
    public override bool IsValid(object? value) => value is not ICollection collection || collection.Count > 0;
}
