using System.Net;
using System.Text;

namespace Badge.Sdk.Tests.Issuance;

// An in-process stand-in for the authority's HTTP answers: it isolates the client's mapping of an answer (status,
// media type, problem document, ETag) from any network. Counts the requests and keeps each one's If-None-Match.
internal sealed class StubAuthorityHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    private int _requests;

    public StubAuthorityHandler(Func<HttpRequestMessage, HttpResponseMessage> answer)
        : this(request => Task.FromResult(answer(request)))
    {
    }

    public int Requests => Volatile.Read(ref _requests);

    public List<string?> IfNoneMatch { get; } = [];

    public static StubAuthorityHandler Throwing(Exception exception) =>
        new((Func<HttpRequestMessage, HttpResponseMessage>)(_ => throw exception));

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (IfNoneMatch)
        {
            IfNoneMatch.Add(request.Headers.IfNoneMatch.Count == 0 ? null : request.Headers.IfNoneMatch.ToString());
        }

        return await answer(request).ConfigureAwait(false);
    }
}
