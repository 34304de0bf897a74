namespace Badge.Sdk.Platforms;

/// <summary>What happened, when, and who did it.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who.</param>
/// <param name="ActorId">Which person or system, when known.</param>
/// <param name="Event">What happened.</param>
/// <param name="StepId">The step, when one.</param>
/// <param name="Detail">More, in words.</param>
public sealed record CertificationTransition(DateTimeOffset At, StepActor Actor, string? ActorId, CertificationEvent Event, string? StepId, string? Detail);
