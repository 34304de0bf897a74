using System.Diagnostics;
using Badge.Sdk.Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Badge.Sdk.Platforms;

/// <summary>
/// Walks certifications through their platform's flow: checks the prerequisites, takes each step's completion from
/// its actor in order (the identity step with an approved QR challenge), records every transition, keeps the state
/// in an <see cref="ICertificationStore"/>, and ends with the account's badge issued at the authority (after the
/// platform's review, or from the census record). Misuse is a <see cref="CertificationException"/> naming the step.
/// </summary>
public sealed class CertificationRunner
{
    private readonly Dictionary<PlatformId, IPlatformAdapter> _adapters = [];
    private readonly ICertificationStore _store;
    private readonly IBadgeAuthorityClient _authority;
    private readonly IOperatorGrantClient _grants;
    private readonly ICensusClient _census;
    private readonly IChallengeStore _challenges;
    private readonly TimeProvider _time;
    private readonly IVerifiedAccountSubjects? _verifiedSubjects;
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>Creates the runner.</summary>
    /// <param name="adapters">The platforms' adapters (one per platform; a later one replaces an earlier).</param>
    /// <param name="store">Where certifications are kept.</param>
    /// <param name="authority">The authority's badge client with the platform's key (issuance).</param>
    /// <param name="grants">The authority's grants client with the platform's key (the operator grant prerequisite).</param>
    /// <param name="census">The authority's census client with the platform's key (census prerequisite and attachments).</param>
    /// <param name="challenges">The QR challenges (the identity step's evidence).</param>
    /// <param name="time">The clock.</param>
    public CertificationRunner(
        IEnumerable<IPlatformAdapter> adapters, ICertificationStore store, IBadgeAuthorityClient authority, IOperatorGrantClient grants, ICensusClient census,
        IChallengeStore challenges, TimeProvider time)
        : this(adapters, store, authority, grants, census, challenges, time, null)
    {
    }

    /// <summary>Creates the runner, with the platform's records of its verified accounts (the census route's check).</summary>
    /// <param name="adapters">The platforms' adapters (one per platform; a later one replaces an earlier).</param>
    /// <param name="store">Where certifications are kept.</param>
    /// <param name="authority">The authority's badge client with the platform's key (issuance).</param>
    /// <param name="grants">The authority's grants client with the platform's key (the operator grant prerequisite).</param>
    /// <param name="census">The authority's census client with the platform's key (census prerequisite and attachments).</param>
    /// <param name="challenges">The QR challenges (the identity step's evidence).</param>
    /// <param name="time">The clock.</param>
    /// <param name="verifiedSubjects">Who the platform verified each account for; without it nothing is attached from the census.</param>
    public CertificationRunner(
        IEnumerable<IPlatformAdapter> adapters, ICertificationStore store, IBadgeAuthorityClient authority, IOperatorGrantClient grants, ICensusClient census,
        IChallengeStore challenges, TimeProvider time, IVerifiedAccountSubjects? verifiedSubjects)
    {
        _verifiedSubjects = verifiedSubjects;
        ArgumentNullException.ThrowIfNull(adapters);
        foreach (var adapter in adapters)
        {
            _adapters[adapter.Platform] = adapter;
        }

        _store = store ?? throw new ArgumentNullException(nameof(store));
        _authority = authority ?? throw new ArgumentNullException(nameof(authority));
        _grants = grants ?? throw new ArgumentNullException(nameof(grants));
        _census = census ?? throw new ArgumentNullException(nameof(census));
        _challenges = challenges ?? throw new ArgumentNullException(nameof(challenges));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Creates the runner, logging every recorded step (see docs/telemetry.md).</summary>
    /// <param name="adapters">The platforms' adapters (one per platform; a later one replaces an earlier).</param>
    /// <param name="store">Where certifications are kept.</param>
    /// <param name="authority">The authority's badge client with the platform's key (issuance).</param>
    /// <param name="grants">The authority's grants client with the platform's key (the operator grant prerequisite).</param>
    /// <param name="census">The authority's census client with the platform's key (census prerequisite and attachments).</param>
    /// <param name="challenges">The QR challenges (the identity step's evidence).</param>
    /// <param name="time">The clock.</param>
    /// <param name="verifiedSubjects">Who the platform verified each account for; without it nothing is attached from the census.</param>
    /// <param name="logger">Where steps are logged; <see langword="null"/> logs nothing.</param>
    public CertificationRunner(
        IEnumerable<IPlatformAdapter> adapters, ICertificationStore store, IBadgeAuthorityClient authority, IOperatorGrantClient grants, ICensusClient census,
        IChallengeStore challenges, TimeProvider time, IVerifiedAccountSubjects? verifiedSubjects, ILogger<CertificationRunner>? logger)
        : this(adapters, store, authority, grants, census, challenges, time, verifiedSubjects)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The registered adapters.</summary>
    public IReadOnlyCollection<IPlatformAdapter> Adapters => _adapters.Values;

    /// <summary>The adapter of a platform.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The adapter.</returns>
    /// <exception cref="CertificationException">No adapter is registered for it.</exception>
    public IPlatformAdapter Adapter(PlatformId platform) =>
        _adapters.TryGetValue(platform, out var adapter)
            ? adapter
            : throw new CertificationException(CertificationReasonCodes.UnknownPlatform, null, $"No adapter is registered for the platform '{platform}' (registered: {string.Join(", ", _adapters.Keys)}); add one with AddBadgePlatform<T>().");

    /// <summary>The flow a certification follows.</summary>
    /// <param name="certification">The certification.</param>
    /// <returns>The flow.</returns>
    public CertificationFlow Flow(Certification certification)
    {
        ArgumentNullException.ThrowIfNull(certification);
        return Adapter(certification.Platform).GetFlow(certification.Variant);
    }

    /// <summary>Reads a certification.</summary>
    /// <param name="id">Its id (<see cref="Certification.Id"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certification, or <see langword="null"/>.</returns>
    public Task<Certification?> GetAsync(string id, CancellationToken cancellationToken = default) => _store.GetAsync(id, cancellationToken);

    /// <summary>Reads an account's certification.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="accountId">The account on the platform.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certification, or <see langword="null"/> when the account has none.</returns>
    public Task<Certification?> GetByAccountAsync(PlatformId platform, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return _store.GetAsync(Certification.IdFor(platform, accountId), cancellationToken);
    }

    /// <summary>
    /// Starts a certification and checks the flow's prerequisites: it is <see cref="CertificationState.Blocked"/> when one
    /// does not hold (retry with <see cref="RetryPrerequisitesAsync"/>), otherwise in progress at step one (or, on the
    /// census route, awaiting the platform's attachment).
    /// </summary>
    /// <param name="request">The account and institution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certification.</returns>
    /// <exception cref="CertificationException">The platform or variant is unknown, or the account has an unfinished certification.</exception>
    public async Task<Certification> StartAsync(CertificationRequest request, CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity("start", null, null);
        try
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentException.ThrowIfNullOrWhiteSpace(request.AccountId);
            ArgumentException.ThrowIfNullOrWhiteSpace(request.OperatorId);
            CertificationFlow flow;
            try
            {
                flow = Adapter(request.Platform).GetFlow(request.Variant);
            }
            catch (NotSupportedException ex)
            {
                throw new CertificationException(CertificationReasonCodes.UnknownVariant, null, ex.Message);
            }

            var now = _time.GetUtcNow();
            var fresh = new Certification
            {
                Id = Certification.IdFor(request.Platform, request.AccountId),
                Platform = request.Platform,
                Variant = request.Variant,
                AccountId = request.AccountId,
                AccountName = request.AccountName,
                Uscc = request.Uscc,
                InstitutionName = request.InstitutionName,
                OperatorId = request.OperatorId,
                State = CertificationState.InProgress,
                Version = 1,
                History = [new CertificationTransition(now, StepActor.Operator, request.OperatorId, CertificationEvent.Started, null, $"{flow.Platform} {flow.Variant}: {flow.Steps.Count} step(s)")],
            };
            var started = await CheckPrerequisitesAsync(fresh, flow, request.Confirmed, cancellationToken).ConfigureAwait(false);
            if (await _store.TryAddAsync(started, cancellationToken).ConfigureAwait(false))
            {
                return Recorded(started);
            }

            // One certification per account at a time; a completed one may be started again (re-certification).
            var existing = await _store.GetAsync(started.Id, cancellationToken).ConfigureAwait(false);
            if (existing is null || existing.State != CertificationState.Completed)
            {
                throw new CertificationException(CertificationReasonCodes.AlreadyStarted, null, $"The account {request.AccountId} on {request.Platform} has a certification {existing?.State.ToString() ?? "being written"}; continue it or resume it from a step.");
            }

            return await SaveAsync(existing, started with { Version = existing.Version + 1, History = [.. existing.History, .. started.History] }, cancellationToken).ConfigureAwait(false);
        }
        catch (CertificationException ex) when (Refused(activity, ex))
        {
            throw;
        }
    }

    /// <summary>Checks a blocked certification's prerequisites again.</summary>
    /// <param name="id">The certification.</param>
    /// <param name="confirmed">Prerequisites the operator now confirms.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certification, blocked or in progress.</returns>
    public async Task<Certification> RetryPrerequisitesAsync(string id, IReadOnlyCollection<string>? confirmed = null, CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity("retry", id, null);
        try
        {
            var current = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (current.State != CertificationState.Blocked)
            {
                throw new CertificationException(CertificationReasonCodes.NotBlocked, current.BlockedBy, $"The certification {id} is {current.State}, not blocked.");
            }

            var checkedAgain = await CheckPrerequisitesAsync(current with { State = CertificationState.InProgress, BlockedBy = null, Reason = null }, Flow(current), confirmed ?? [], cancellationToken).ConfigureAwait(false);
            return await SaveAsync(current, checkedAgain with { Version = current.Version + 1 }, cancellationToken).ConfigureAwait(false);
        }
        catch (CertificationException ex) when (Refused(activity, ex))
        {
            throw;
        }
    }

    /// <summary>Completes the next step.</summary>
    /// <param name="id">The certification.</param>
    /// <param name="stepId">The step (it must be the next one).</param>
    /// <param name="completion">Its actor and what it needs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certification; after the last step it awaits the platform's review.</returns>
    /// <exception cref="CertificationException">Not in progress, unknown, repeated or out-of-order step, wrong actor, or a need missing.</exception>
    public async Task<Certification> CompleteStepAsync(string id, string stepId, StepCompletion completion, CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity("step", id, stepId);
        try
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
            ArgumentNullException.ThrowIfNull(completion);
            var current = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
            var flow = Flow(current);
            var step = flow.Steps.FirstOrDefault(s => s.Id == stepId)
                ?? throw new CertificationException(CertificationReasonCodes.UnknownStep, stepId, $"The {flow.Platform} {flow.Variant} flow has no step '{stepId}'; its steps are {string.Join(", ", flow.Steps.Select(s => s.Id))}.");
            if (current.CompletedSteps.Contains(stepId))
            {
                throw new CertificationException(CertificationReasonCodes.StepRepeated, stepId, $"Step {step.Number} '{stepId}' ({step.TitleEn}) is already complete.");
            }

            if (current.State != CertificationState.InProgress)
            {
                throw new CertificationException(CertificationReasonCodes.NotInProgress, stepId, $"Step {step.Number} '{stepId}' cannot be completed: the certification is {current.State}{(current.BlockedBy is null ? string.Empty : $" by the prerequisite '{current.BlockedBy}'")}.");
            }

            var next = flow.Steps[current.CompletedSteps.Count];
            if (next.Id != stepId)
            {
                throw new CertificationException(CertificationReasonCodes.WrongOrder, stepId, $"Step {step.Number} '{stepId}' cannot come yet: step {next.Number} '{next.Id}' ({next.TitleEn}) is next.");
            }

            if (completion.Actor != step.Actor)
            {
                throw new CertificationException(CertificationReasonCodes.WrongActor, stepId, $"Step {step.Number} '{stepId}' is completed by the {step.Actor}, not the {completion.Actor}.");
            }

            var facts = new Dictionary<string, string>(current.Facts, StringComparer.Ordinal);
            var challengeId = current.ChallengeId;
            await CheckNeedsAsync(current, step, completion, facts, cancellationToken).ConfigureAwait(false);
            if (step.IsIdentityCheck)
            {
                challengeId = completion.ChallengeId;
            }

            var completed = current.CompletedSteps.Append(stepId).ToArray();
            var done = completed.Length == flow.Steps.Count;
            var now = _time.GetUtcNow();
            var history = current.History.Append(new CertificationTransition(now, completion.Actor, completion.ActorId, CertificationEvent.StepCompleted, stepId, $"第{step.Number}步 {step.TitleZh}")).ToList();
            if (done)
            {
                history.Add(new CertificationTransition(now, StepActor.Platform, null, CertificationEvent.AwaitingReview, null, "every step is done; the platform reviews"));
            }

            return await SaveAsync(current, current with
            {
                CompletedSteps = completed,
                Facts = facts,
                ChallengeId = challengeId,
                State = done ? CertificationState.AwaitingReview : CertificationState.InProgress,
                History = history,
                Version = current.Version + 1,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (CertificationException ex) when (Refused(activity, ex))
        {
            throw;
        }
    }

    /// <summary>
    /// Records the platform's review. Approved: the account's badge is issued at the authority and the certification
    /// completes. Refused: it is rejected with the reason; resume it from a named step with <see cref="ResumeFromAsync"/>.
    /// </summary>
    /// <param name="id">The certification.</param>
    /// <param name="outcome">The review's outcome.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certification.</returns>
    public async Task<Certification> RecordReviewAsync(string id, ReviewOutcome outcome, CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity("review", id, null);
        try
        {
            ArgumentNullException.ThrowIfNull(outcome);
            var current = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (current.State is not (CertificationState.AwaitingReview or CertificationState.Attaching))
            {
                throw new CertificationException(CertificationReasonCodes.NotAwaitingReview, null, $"The certification {id} is {current.State}; a review comes after the last step.");
            }

            var now = _time.GetUtcNow();
            if (current.State == CertificationState.AwaitingReview && !outcome.Approved)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(outcome.Reason, nameof(outcome));
                return await SaveAsync(current, current with
                {
                    State = CertificationState.Rejected,
                    Reason = outcome.Reason,
                    History = [.. current.History, new CertificationTransition(now, StepActor.Platform, outcome.ReviewerId, CertificationEvent.ReviewRejected, null, outcome.Reason)],
                    Version = current.Version + 1,
                }, cancellationToken).ConfigureAwait(false);
            }

            if (current.State == CertificationState.AwaitingReview)
            {
                // Claim the approval before issuing: of two concurrent reviews, one wins here and only it issues.
                current = await SaveAsync(current, current with
                {
                    State = CertificationState.Attaching,
                    History = [.. current.History, new CertificationTransition(now, StepActor.Platform, outcome.ReviewerId, CertificationEvent.ReviewApproved, null, null)],
                    Version = current.Version + 1,
                }, cancellationToken).ConfigureAwait(false);
            }

            var badgeId = await IssueOrFindAsync(current, cancellationToken).ConfigureAwait(false);
            if (current.ChallengeId is { } challengeId && await _challenges.GetAsync(challengeId, cancellationToken).ConfigureAwait(false) is { State: ChallengeState.Approved } challenge)
            {
                await _challenges.TryReplaceAsync(challenge with { State = ChallengeState.Completed, Version = challenge.Version + 1 }, challenge.Version, cancellationToken).ConfigureAwait(false);
            }

            return await SaveAsync(current, current with
            {
                State = CertificationState.Completed,
                BadgeId = badgeId,
                Reason = null,
                History = [.. current.History, new CertificationTransition(_time.GetUtcNow(), StepActor.Authority, null, CertificationEvent.Attached, null, $"badge {badgeId}")],
                Version = current.Version + 1,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (CertificationException ex) when (Refused(activity, ex))
        {
            throw;
        }
    }

    // Issues the account's badge; when a previous attempt issued it but its answer was lost, finds that badge.
    private async Task<string> IssueOrFindAsync(Certification certification, CancellationToken cancellationToken)
    {
        // The institution's consent: the answer its credential signed for this account, which the authority verifies.
        var challenge = certification.ChallengeId is { } challengeId ? await _challenges.GetAsync(challengeId, cancellationToken).ConfigureAwait(false) : null;
        var request = IssueBadgeRequest.ForPlatformAccount(certification.Uscc, certification.InstitutionName, certification.AccountName, certification.Platform, certification.AccountId)
            with { Consent = challenge?.Answer };
        try
        {
            var badge = await _authority.IssueBadgeAsync(request, cancellationToken).ConfigureAwait(false);
            return badge.Id;
        }
        catch (BadgeAuthorityException ex) when (ex.Code is AuthorityErrorCodes.DuplicateAccount or AuthorityErrorCodes.ConsentUsed)
        {
            for (var page = 1; ; page++)
            {
                var badges = await _authority.ListBadgesAsync(certification.Uscc, page, 100, cancellationToken).ConfigureAwait(false);
                var existing = badges.Items.FirstOrDefault(b => b.Status == BadgeStatus.Active && b.Platform == certification.Platform && b.AccountId == certification.AccountId);
                if (existing is not null)
                {
                    return existing.Id;
                }

                if (badges.Items.Count == 0 || !badges.HasMore)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Resumes a rejected certification from a named step: that step and the ones after it are done again.</summary>
    /// <param name="id">The certification.</param>
    /// <param name="stepId">The step to start again from.</param>
    /// <param name="actorId">Who resumes it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certification, in progress at that step.</returns>
    public async Task<Certification> ResumeFromAsync(string id, string stepId, string? actorId = null, CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity("resume", id, stepId);
        try
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
            var current = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (current.State != CertificationState.Rejected)
            {
                throw new CertificationException(CertificationReasonCodes.NotRejected, stepId, $"The certification {id} is {current.State}; only a rejected one resumes from a step.");
            }

            var flow = Flow(current);
            var step = flow.Steps.FirstOrDefault(s => s.Id == stepId)
                ?? throw new CertificationException(CertificationReasonCodes.UnknownStep, stepId, $"The {flow.Platform} {flow.Variant} flow has no step '{stepId}'; its steps are {string.Join(", ", flow.Steps.Select(s => s.Id))}.");
            var keep = step.Number - 1;
            var redoIdentity = flow.Steps.Skip(keep).Any(s => s.IsIdentityCheck);
            if (redoIdentity && current.ChallengeId is { } used && await _challenges.GetAsync(used, cancellationToken).ConfigureAwait(false) is { State: ChallengeState.Approved } old)
            {
                // The identity is checked again: the old approval must not be presented a second time.
                await _challenges.TryReplaceAsync(old with { State = ChallengeState.Rejected, Version = old.Version + 1, Reason = "identity to be checked again" }, old.Version, cancellationToken).ConfigureAwait(false);
            }

            return await SaveAsync(current, current with
            {
                State = CertificationState.InProgress,
                CompletedSteps = current.CompletedSteps.Take(keep).ToArray(),
                ChallengeId = redoIdentity ? null : current.ChallengeId,
                History = [.. current.History, new CertificationTransition(_time.GetUtcNow(), StepActor.Operator, actorId, CertificationEvent.Resumed, stepId, $"after: {current.Reason}")],
                Version = current.Version + 1,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (CertificationException ex) when (Refused(activity, ex))
        {
            throw;
        }
    }

    /// <summary>
    /// The census route (verified Kuaishou accounts): pulls from the authority the accounts of this platform that
    /// the census says must carry a badge, confirms each account's verified subject with the platform's own records
    /// (<see cref="IVerifiedAccountSubjects"/>; a record claiming another institution's account is skipped, and a
    /// certification waiting for it is rejected with <c>subject_mismatch</c>), issues each confirmed one's badge, and
    /// completes any certification waiting for it.
    /// </summary>
    /// <param name="platform">The platform (its adapter's verified flow must be the census route).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was attached.</returns>
    public async Task<IReadOnlyList<CensusAttachment>> AttachFromCensusAsync(PlatformId platform, CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity("census", null, null);
        try
        {
            activity?.SetTag(BadgeTelemetry.Platform, platform.Value);
            var adapter = Adapter(platform);
            if (!adapter.Variants.Select(adapter.GetFlow).Any(f => f.Attachment == BadgeAttachment.FromCensusRecord))
            {
                throw new CertificationException(CertificationReasonCodes.NotCensusRoute, null, $"{adapter.DisplayName} ({platform}) has no flow attached from the census.");
            }

            var attached = new List<CensusAttachment>();
            foreach (var record in await _census.ListCensusAttachmentsAsync(platform, cancellationToken).ConfigureAwait(false))
            {
                // The list holds only accounts without an active badge; a record that cannot make a badge is skipped.
                if (record.AccountId is null || record.OrganizerName is not { } organizer || record.Uscc.IsDefault || record.Name.IsDefault)
                {
                    continue;
                }

                var uscc = record.Uscc;
                var onlineName = record.Name;

                // The census says who claims the account; the platform's own verification says whose it is. Only when they
                // agree is the badge attached: an entry claiming another institution's account is refused.
                var subject = _verifiedSubjects is null ? null : await _verifiedSubjects.FindVerifiedSubjectAsync(platform, record.AccountId, cancellationToken).ConfigureAwait(false);
                if (subject != uscc)
                {
                    await RefuseCensusAsync(platform, record, uscc, subject, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var badge = await _authority.IssueBadgeAsync(IssueBadgeRequest.ForCensusAttachment(record, organizer, onlineName, platform, subject.Value), cancellationToken).ConfigureAwait(false);
                attached.Add(new CensusAttachment(record, badge.Id));
                if (await _store.GetAsync(Certification.IdFor(platform, record.AccountId), cancellationToken).ConfigureAwait(false) is { State: CertificationState.AwaitingCensusAttachment } waiting
                    && waiting.Uscc == uscc)
                {
                    var completed = waiting with
                    {
                        State = CertificationState.Completed,
                        BadgeId = badge.Id,
                        History = [.. waiting.History, new CertificationTransition(_time.GetUtcNow(), StepActor.Platform, null, CertificationEvent.Attached, null, $"from census record {record.Id}: badge {badge.Id}")],
                        Version = waiting.Version + 1,
                    };

                    // Lost to a concurrent change: the badge is issued all the same; the next read shows the other change.
                    await _store.TryReplaceAsync(completed, waiting.Version, cancellationToken).ConfigureAwait(false);
                }
            }

            return attached;
        }
        catch (CertificationException ex) when (Refused(activity, ex))
        {
            throw;
        }
    }

    // A certification waiting for this account's attachment learns why it will not come.
    private async Task RefuseCensusAsync(PlatformId platform, CensusRecord record, UnifiedSocialCreditCode claimed, UnifiedSocialCreditCode? subject, CancellationToken cancellationToken)
    {
        if (await _store.GetAsync(Certification.IdFor(platform, record.AccountId!), cancellationToken).ConfigureAwait(false) is { State: CertificationState.AwaitingCensusAttachment } waiting
            && waiting.Uscc == claimed)
        {
            var reason = subject is null
                ? $"{AuthorityErrorCodes.SubjectMismatch}: the platform holds no verified subject for {platform} account {record.AccountId}"
                : $"{AuthorityErrorCodes.SubjectMismatch}: {platform} account {record.AccountId} is verified for {subject}, not for {claimed} (census record {record.Id})";
            await _store.TryReplaceAsync(waiting with
            {
                State = CertificationState.Rejected,
                Reason = reason,
                History = [.. waiting.History, new CertificationTransition(_time.GetUtcNow(), StepActor.Platform, null, CertificationEvent.CensusRefused, null, reason)],
                Version = waiting.Version + 1,
            }, waiting.Version, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Certification> CheckPrerequisitesAsync(Certification certification, CertificationFlow flow, IReadOnlyCollection<string> confirmed, CancellationToken cancellationToken)
    {
        foreach (var prerequisite in flow.Prerequisites)
        {
            var reason = prerequisite.Kind switch
            {
                PrerequisiteKind.OperatorGrant => (await _grants.CheckOperatorGrantAsync(certification.Uscc, certification.Platform, certification.AccountId, certification.OperatorId, cancellationToken).ConfigureAwait(false)).Granted
                    ? null
                    : $"operator {certification.OperatorId} holds no grant of the credential of {certification.Uscc} for {certification.Platform} account {certification.AccountId}: an administrator grants it first",
                PrerequisiteKind.CensusRecord => (await _census.ListCensusRecordsAsync(certification.Uscc, cancellationToken).ConfigureAwait(false))
                    .Any(r => r.Platform == certification.Platform && r.AccountId == certification.AccountId && r.Verified)
                    ? null
                    : $"{certification.Uscc} has filed no census record for the verified {certification.Platform} account {certification.AccountId}",
                _ => confirmed.Contains(prerequisite.Id) ? null : $"the operator has not confirmed: {prerequisite.TitleEn} ({prerequisite.TitleZh})",
            };
            if (reason is not null)
            {
                return certification with
                {
                    State = CertificationState.Blocked,
                    BlockedBy = prerequisite.Id,
                    Reason = reason,
                    History = [.. certification.History, new CertificationTransition(_time.GetUtcNow(), StepActor.Operator, certification.OperatorId, CertificationEvent.Blocked, prerequisite.Id, reason)],
                };
            }
        }

        return flow.Attachment == BadgeAttachment.FromCensusRecord
            ? certification with { State = CertificationState.AwaitingCensusAttachment }
            : certification;
    }

    private async Task CheckNeedsAsync(Certification current, CertificationStep step, StepCompletion completion, Dictionary<string, string> facts, CancellationToken cancellationToken)
    {
        void Need(bool present, string what)
        {
            if (!present)
            {
                throw new CertificationException(CertificationReasonCodes.NeedsMissing, step.Id, $"Step {step.Number} '{step.Id}' needs {what}.");
            }
        }

        void Fact(StepNeeds need, string name, string? value, string what)
        {
            if (step.Needs.HasFlag(need))
            {
                Need(!string.IsNullOrWhiteSpace(value), what);
                facts[name] = value!.Trim();
            }
        }

        if (step.Needs.HasFlag(StepNeeds.ExactIdentity))
        {
            Need(completion.Uscc is not null && completion.InstitutionName is not null, "the unified social credit code and the institution name as typed into the form");
            var codeMatches = UnifiedSocialCreditCode.TryParse(completion.Uscc, out var typedCode) && typedCode == current.Uscc;
            var nameMatches = OrganizerName.TryParse(completion.InstitutionName, out var typedName) && typedName == current.InstitutionName;
            if (!codeMatches || !nameMatches)
            {
                throw new CertificationException(CertificationReasonCodes.IdentityMismatch, step.Id, $"Step {step.Number} '{step.Id}': 单位名称或统一社会信用代码不一致 — the {(codeMatches ? "name" : nameMatches ? "code" : "code and the name")} typed {(codeMatches || nameMatches ? "is" : "are")} not the institution's.");
            }
        }

        if (step.Needs.HasFlag(StepNeeds.CorrectCode))
        {
            Need(completion.Uscc is not null, "the unified social credit code as typed into the form");
            if (!(UnifiedSocialCreditCode.TryParse(completion.Uscc, out var typedCode) && typedCode == current.Uscc))
            {
                throw new CertificationException(CertificationReasonCodes.IdentityMismatch, step.Id, $"Step {step.Number} '{step.Id}': 统一社会信用代码不正确 — the code typed is not the institution's.");
            }
        }

        if (step.Needs.HasFlag(StepNeeds.Agreement))
        {
            Need(completion.AgreementAccepted, "the agreement accepted");
        }

        Fact(StepNeeds.ContactScan, "contact", completion.ContactName, "the contact person's scan (their name)");
        Fact(StepNeeds.Nickname, "nickname", completion.Nickname, "the certified nickname");
        Fact(StepNeeds.Invoice, "invoice", completion.InvoiceTitle, "the invoice title");
        Fact(StepNeeds.Fee, "fee", completion.FeeReference, "the fee's payment reference");

        if (step.Needs.HasFlag(StepNeeds.OperatorGrant))
        {
            var grant = await _grants.CheckOperatorGrantAsync(current.Uscc, current.Platform, current.AccountId, current.OperatorId, cancellationToken).ConfigureAwait(false);
            if (!grant.Granted)
            {
                throw new CertificationException(CertificationReasonCodes.NotGranted, step.Id, $"Step {step.Number} '{step.Id}': operator {current.OperatorId} holds no grant at the authority yet.");
            }
        }

        if (step.IsIdentityCheck)
        {
            Need(completion.ChallengeId is not null, "the approved QR challenge (ChallengeId)");
            var challenge = await _challenges.GetAsync(completion.ChallengeId!, cancellationToken).ConfigureAwait(false);
            var since = current.History.LastOrDefault(h => h.Event is CertificationEvent.Started or CertificationEvent.Resumed)?.At ?? DateTimeOffset.MinValue;
            if (challenge is null || challenge.State != ChallengeState.Approved || challenge.Platform != current.Platform || challenge.AccountId != current.AccountId
                || challenge.Uscc != current.Uscc || challenge.InstitutionName != current.InstitutionName || challenge.CreatedAt < since)
            {
                throw new CertificationException(CertificationReasonCodes.IdentityNotVerified, step.Id, $"Step {step.Number} '{step.Id}': challenge {completion.ChallengeId} is not an approved answer for this account and institution made since the certification (re)started ({challenge?.State.ToString() ?? "unknown"}).");
            }

            facts["operator"] = challenge.OperatorId ?? current.OperatorId;
        }
    }

    private async Task<Certification> LoadAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return await _store.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new CertificationException(CertificationReasonCodes.UnknownCertification, null, $"No certification {id}.");
    }

    private async Task<Certification> SaveAsync(Certification current, Certification next, CancellationToken cancellationToken) =>
        await _store.TryReplaceAsync(next, current.Version, cancellationToken).ConfigureAwait(false)
            ? Recorded(next)
            : throw new CertificationException(CertificationReasonCodes.ConcurrentChange, null, $"The certification {current.Id} changed meanwhile; read it again.");

    // A refusal is its span's outcome: the span is marked as an error with the reason code. Always false, so the
    // exception filter never catches (it runs before the stack unwinds) and the caller gets the exception as thrown.
    private static bool Refused(Activity? activity, CertificationException ex)
    {
        BadgeTelemetry.SetError(activity, ex.Code, ex.Message);
        return false;
    }

    // A runner operation's span: badge.certification.{operation}, with the certification, the step and, once it is
    // saved, the state it left.
    private static Activity? StartActivity(string operation, string? id, string? stepId)
    {
        var activity = BadgeTelemetry.Source.StartActivity(BadgeTelemetry.CertificationSpanPrefix + operation);
        if (activity is not null)
        {
            activity.SetTag(BadgeTelemetry.Operation, operation);
            activity.SetTag(BadgeTelemetry.CertificationId, id);
            activity.SetTag(BadgeTelemetry.CertificationStep, stepId);
        }

        return activity;
    }

    // Every saved change passes here: the span, the counter and the log line say what state it left.
    private Certification Recorded(Certification saved)
    {
        var state = saved.State.ToString();
        var activity = Activity.Current;
        if (activity?.Source == BadgeTelemetry.Source && activity.OperationName.StartsWith(BadgeTelemetry.CertificationSpanPrefix, StringComparison.Ordinal))
        {
            activity.SetTag(BadgeTelemetry.CertificationId, saved.Id);
            activity.SetTag(BadgeTelemetry.Platform, saved.Platform.Value);
            activity.SetTag(BadgeTelemetry.CertificationState, state);
        }

        BadgeTelemetry.CertificationTransitions.Add(1, new KeyValuePair<string, object?>(BadgeTelemetry.CertificationState, state));
        BadgeLog.CertificationRecorded(_logger, saved.Id, saved.Platform.Value, state, saved.CompletedSteps.Count);
        return saved;
    }
}
