namespace Badge.Sdk.AspNetCore.Footer.Scanning;

/// <summary>
/// Looks for the <c>data-online-badge="</c> marker in one write, searching only where the scan could not vouch for
/// its absence: the fast path reports the ranges in which no marker has its second <c>-</c>, in order, and the parts
/// between them are searched as they appear (so nothing grows with the page).
/// </summary>
internal sealed class MarkerSearch
{
    // Where the marker's second '-' is, which the fast path keys on.
    private const int Dash = 11;

    private int _from;

    public static ReadOnlySpan<byte> Marker => "data-online-badge=\""u8;

    /// <summary>Whether a marker was found in the current write.</summary>
    public bool Found { get; private set; }

    public void Reset()
    {
        _from = 0;
        Found = false;
    }

    /// <summary>The fast path found no marker with its '-' in <paramref name="input"/>[start..end).</summary>
    public void Vouch(ReadOnlySpan<byte> input, int start, int end)
    {
        if (end <= start || Found)
        {
            return;
        }

        if (start > _from)
        {
            Found = Contains(input, _from, start);
        }

        _from = Math.Max(_from, end);
    }

    /// <summary>Searches what was not vouched for, up to the end of the write; whether a marker is in it.</summary>
    public bool Finish(ReadOnlySpan<byte> input)
    {
        if (!Found && _from < input.Length)
        {
            Found = Contains(input, _from, input.Length);
        }

        return Found;
    }

    // Whether a marker has its '-' in input[start..end): searched in the window such a marker would occupy.
    private static bool Contains(ReadOnlySpan<byte> input, int start, int end)
    {
        var from = Math.Max(0, start - Dash);
        var to = Math.Min(input.Length, end + Marker.Length - Dash - 1);
        return input[from..to].IndexOf(Marker) >= 0;
    }
}
