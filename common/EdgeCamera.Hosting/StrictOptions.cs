using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeCamera.Hosting;

/// <summary>
/// One options class per config section, bound strictly: an unknown key in the section fails start-up
/// (<see cref="BinderOptions.ErrorOnUnknownConfiguration"/>), data annotations and <see cref="IValidatableObject"/>
/// are checked, and all of it happens at start (<c>ValidateOnStart</c>), not at first use.
/// </summary>
public static class StrictOptions
{
    public static OptionsBuilder<T> AddStrictOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        return services.AddOptions<T>()
            .Bind(configuration.GetSection(section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
