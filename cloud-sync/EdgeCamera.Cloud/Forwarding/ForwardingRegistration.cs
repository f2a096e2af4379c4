using EdgeCamera.Hosting;
using EdgeCamera.Transport;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Cloud.Forwarding;

/// <summary>Registers the outbox worker and the national client with its resilience pipeline.</summary>
public static class ForwardingRegistration
{
    public static IServiceCollection AddForwarding(this IServiceCollection services, IConfiguration config)
    {
        services.AddStrictOptions<ForwardingOptions>(config, ForwardingOptions.Section);
        services.AddSingleton<WakeSignal>();
        services.AddSingleton<ForwardingMetrics>();
        services.AddHttpClient<NationalClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<NationalSystemOptions>>().Value;
            http.BaseAddress = new Uri(o.BaseUrl);

            // The pipeline times each attempt; this bounds a call with all its retries.
            http.Timeout = (o.RequestTimeout * 4) + TimeSpan.FromSeconds(5);
        }).AddNationalResilience();
        services.AddHostedService<ForwardingWorker>();
        return services;
    }
}
