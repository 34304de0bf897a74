using System.Security.Cryptography;
using Badge.Authority.Api;
using Badge.Authority.Storage;

namespace Badge.Authority.Security;

/// <summary>
/// Makes a mutating call carrying <c>Idempotency-Key</c> return its first result when retried: the response is
/// stored per (caller, key) with a hash of the request; the same key with another request is refused.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IAuthorityStore store, TimeProvider time)
{
    public const string Header = "Idempotency-Key";
    // Striped locks: the same (caller, key) always maps to the same gate, and memory stays fixed however many
    // keys are used.
    private static readonly SemaphoreSlim[] Gates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0)
        {
            await next(context);
            return;
        }

        if (key.Length > 128)
        {
            await Problems.Write(context, Problems.Invalid("Idempotency-Key", "invalid_field", "the Idempotency-Key header is longer than 128 characters"));
            return;
        }

        var principal = context.GetPrincipal().Name;
        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        context.Request.Body.Position = 0;
        var hash = Convert.ToHexStringLower(SHA256.HashData(
            [.. System.Text.Encoding.UTF8.GetBytes(context.Request.Method + " " + context.Request.Path + "\n"), .. buffer.ToArray()]));

        var gate = Gates[(int)((uint)StringComparer.Ordinal.GetHashCode(principal + "\n" + key) % (uint)Gates.Length)];
        await gate.WaitAsync(context.RequestAborted);
        try
        {
            var stored = store.GetIdempotency(principal, key);
            if (stored is not null)
            {
                if (stored.RequestHash != hash)
                {
                    await Problems.Write(context, Problems.Create(
                        StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused", Header,
                        "this Idempotency-Key was used before with a different request; use a new key for a new request"));
                    return;
                }

                context.Response.StatusCode = stored.Status;
                context.Response.ContentType = stored.ContentType;
                context.Response.Headers["Idempotent-Replayed"] = "true";
                await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
                return;
            }

            var original = context.Response.Body;
            using var capture = new MemoryStream();
            context.Response.Body = capture;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            // Server errors are not stored: a retry after one must run again.
            if (context.Response.StatusCode < 500)
            {
                store.PutIdempotency(principal, key, new IdempotencyRow(hash, context.Response.StatusCode, context.Response.ContentType, capture.ToArray()), time.GetUtcNow());
            }

            capture.Position = 0;
            await capture.CopyToAsync(original, context.RequestAborted);
        }
        finally
        {
            gate.Release();
        }
    }
}
