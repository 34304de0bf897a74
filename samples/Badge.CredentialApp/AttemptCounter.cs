using System.Text.Json;
using System.Text.Json.Serialization;

namespace Badge.CredentialApp;

/// <summary>
/// Counts wrong certificate passwords, persisted beside the credential so that restarting the app does not reset
/// it. After <see cref="MaxAttempts"/> wrong passwords in a row the credential is locked for <see cref="LockDuration"/>.
/// This is a usability limit against guessing at the keyboard; the real protection of a copied file is the key
/// derivation (PBKDF2-SHA256, 200,000 iterations).
/// </summary>
public sealed class AttemptCounter
{
    /// <summary>Wrong passwords in a row that lock the credential.</summary>
    public const int MaxAttempts = 5;

    /// <summary>How long the lock holds.</summary>
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    private readonly string _path;
    private readonly TimeProvider _time;

    /// <summary>Creates the counter for a credential file.</summary>
    /// <param name="credentialPath">The PKCS#12 file.</param>
    /// <param name="time">The clock.</param>
    public AttemptCounter(string credentialPath, TimeProvider time)
    {
        _path = credentialPath + ".attempts.json";
        _time = time;
    }

    /// <summary>When the credential is locked, until when; otherwise <see langword="null"/>.</summary>
    /// <returns>The end of the lock.</returns>
    public DateTimeOffset? LockedUntil()
    {
        var state = Read();
        return state.LockedUntil is { } until && until > _time.GetUtcNow() ? until : null;
    }

    /// <summary>Records a wrong password.</summary>
    /// <returns>Wrong passwords left before the lock (0: now locked).</returns>
    public int Failed()
    {
        var state = Read();
        if (state.LockedUntil is { } until && until <= _time.GetUtcNow())
        {
            state = new AttemptState();
        }

        var failures = state.Failures + 1;
        var locked = failures >= MaxAttempts ? _time.GetUtcNow() + LockDuration : (DateTimeOffset?)null;
        Write(new AttemptState { Failures = locked is null ? failures : 0, LockedUntil = locked });
        return locked is null ? MaxAttempts - failures : 0;
    }

    /// <summary>Records a right password: the count starts again.</summary>
    public void Succeeded()
    {
        if (File.Exists(_path))
        {
            File.Delete(_path);
        }
    }

    private AttemptState Read()
    {
        try
        {
            return File.Exists(_path) ? JsonSerializer.Deserialize(File.ReadAllBytes(_path), AttemptJson.Default.AttemptState) ?? new() : new();
        }
        catch (JsonException)
        {
            // A damaged counter file must not unlock the credential: treat it as locked now.
            return new AttemptState { LockedUntil = _time.GetUtcNow() + LockDuration };
        }
    }

    private void Write(AttemptState state)
    {
        var temporary = _path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(state, AttemptJson.Default.AttemptState));
        File.Move(temporary, _path, overwrite: true);
    }
}

internal sealed record AttemptState
{
    public int Failures { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AttemptState))]
internal sealed partial class AttemptJson : JsonSerializerContext;
