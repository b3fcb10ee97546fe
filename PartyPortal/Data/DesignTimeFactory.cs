using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PartyPortal.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, "Data Source=design-time.db");
        return new PortalDbContext(options.Options);
    }
}
