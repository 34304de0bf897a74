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
    public DateTimeOffset? LockedUntil() => Update(state => state).LockedUntil is { } until && until > _time.GetUtcNow() ? until : null;

    /// <summary>Records a wrong password. A lock in force stays as it is.</summary>
    /// <returns>Wrong passwords left before the lock (0: locked).</returns>
    public int Failed()
    {
        var now = _time.GetUtcNow();
        var state = Update(state =>
        {
            if (state.LockedUntil is { } until && until > now)
            {
                return state;
            }

            var failures = (state.LockedUntil is null ? state.Failures : 0) + 1;
            return failures >= MaxAttempts
                ? new AttemptState { Failures = 0, LockedUntil = now + LockDuration }
                : new AttemptState { Failures = failures };
        });
        return state.LockedUntil is { } locked && locked > now ? 0 : MaxAttempts - state.Failures;
    }

    /// <summary>Records a right password: the count starts again (a lock in force stays).</summary>
    public void Succeeded() => Update(state => state.LockedUntil is { } until && until > _time.GetUtcNow() ? state : new AttemptState());

    // Reads, changes and writes the counter under an exclusive lock on the file, so two app instances cannot lose
    // a count or undo a lock between them. A damaged file is replaced by a lock (it must not unlock anything).
    private AttemptState Update(Func<AttemptState, AttemptState> change)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                AttemptState current;
                try
                {
                    current = file.Length == 0 ? new AttemptState() : JsonSerializer.Deserialize(file, AttemptJson.Default.AttemptState) ?? new AttemptState();
                }
                catch (JsonException)
                {
                    current = new AttemptState { LockedUntil = _time.GetUtcNow() + LockDuration };
                }

                var next = change(current);
                file.SetLength(0);
                JsonSerializer.Serialize(file, next, AttemptJson.Default.AttemptState);
                return next;
            }
            catch (IOException) when (attempt < 50)
            {
                // Another instance holds the file for a moment.
                Thread.Sleep(20);
            }
        }
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
