using PartyPortal.Live.Metrics;

namespace PartyPortal.Live;

public static class LiveRegistration
{
    /// <summary>
    /// The change bus and the one metrics engine, started with the host so it listens from the first write.
    /// <paramref name="configuration"/> may be null (tests): the defaults apply.
    /// </summary>
    public static IServiceCollection AddLiveMetrics(this IServiceCollection services, IConfiguration? configuration)
    {
        if (configuration is not null)
        {
            services.Configure<LiveMetricsOptions>(configuration.GetSection(LiveMetricsOptions.Section));
            services.Configure<MetricsHubGuardOptions>(configuration.GetSection(MetricsHubGuardOptions.Section));
        }

        services.AddSingleton<ChangeBus>();
        services.AddSingleton<MetricFactsReader>();
        services.AddSingleton<Data.DemoData.DemoLedgerRates>(LedgerRates.ReadAsync);
        services.AddSingleton<ChangeOutbox>();
        services.AddSingleton<LiveMetrics>();
        services.AddSingleton<SnapshotReads>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveMetrics>());
        services.AddSingleton<MetricsHubGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsHubGuard>());
        return services;
    }
}
