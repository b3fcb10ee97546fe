using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace PartyPortal.LoadDriver;

/// <summary>
/// Timestamps taken inside the portal without changing it: how long the server spends on each
/// <c>POST /api/v1/activities</c> (first middleware in, response out), to split the writer's round trip.
/// </summary>
internal sealed class Probes
{
    public ConcurrentQueue<double> ServerPostMs { get; } = new();

    public IStartupFilter StartupFilter => new Filter(this);

    private sealed class Filter(Probes probes) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/api/v1/activities")
                {
                    await inner(context);
                    return;
                }

                var started = Stopwatch.GetTimestamp();
                await inner(context);
                probes.ServerPostMs.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            });
            next(app);
        };
    }
}
