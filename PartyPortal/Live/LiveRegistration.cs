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
        services.AddSingleton(sp =>
        {
            var engine = ActivatorUtilities.CreateInstance<LiveMetrics>(sp);

            // The tree's paths cached for scope checks: a change to its shape on any node empties them here too.
            if (sp.GetService<Access.OrgTree>() is { } tree)
            {
                engine.ChangesArrived += changes =>
                {
                    if (changes.Any(c => c.What == DataChanged.OrgTree))
                    {
                        tree.Invalidate();
                    }
                };
            }

            return engine;
        });
        services.AddSingleton<SnapshotReads>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveMetrics>());
        // More than one node: the change stream travels over Redis (none configured: one node, nothing to carry).
        if (configuration is not null && RedisChanges.Configured(configuration))
        {
            services.AddSingleton<RedisChanges>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisChanges>());
            services.AddHealthChecks().AddCheck<RedisChanges>("redis");
        }

        services.AddSingleton<MetricsHubGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsHubGuard>());
        return services;
    }
}
