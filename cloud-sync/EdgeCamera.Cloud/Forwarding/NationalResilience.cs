using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace EdgeCamera.Cloud.Forwarding;

/// <summary>
/// The national client's HTTP pipeline (Microsoft.Extensions.Http.Resilience on Polly), outermost first:
/// retry (exponential backoff with jitter, for 5xx, 408, 429, network errors and attempt timeouts) → circuit breaker
/// (after too many failures, fail at once for a while instead of piling calls onto a system that is down) → timeout of
/// one attempt. The outbox above it (<see cref="ForwardingWorker"/>) retries across minutes and hours; this retries
/// across a second or two.
/// </summary>
public static class NationalResilience
{
    public const string PipelineName = "national";

    public static IHttpClientBuilder AddNationalResilience(this IHttpClientBuilder http)
    {
        http.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var f = context.ServiceProvider.GetRequiredService<IOptions<ForwardingOptions>>().Value;
            var n = context.ServiceProvider.GetRequiredService<IOptions<NationalSystemOptions>>().Value;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, f.CallRetries),
                ShouldHandle = f.CallRetries == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = f.CallRetryDelay,
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = f.CircuitFailureRatio,
                MinimumThroughput = f.CircuitMinimumThroughput,
                SamplingDuration = f.CircuitSamplingDuration,
                BreakDuration = f.CircuitBreakDuration,
            });
            pipeline.AddTimeout(n.RequestTimeout);
        });
        return http;
    }
}
