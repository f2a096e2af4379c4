namespace EdgeCamera.Cloud.Central;

/// <summary>Registers the central republisher and the device presence tracker.</summary>
public static class CentralRegistration
{
    public static IServiceCollection AddCentral(this IServiceCollection services)
    {
        services.AddSingleton<CentralPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<CentralPublisher>());
        services.AddSingleton<DeviceStatusTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceStatusTracker>());
        return services;
    }
}
