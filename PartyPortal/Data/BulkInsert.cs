using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PartyPortal.Data;

/// <summary>
/// Inserts many rows of one entity type with one prepared command, in the caller's transaction.
/// Change tracking costs more than the database for hundreds of thousands of rows (the demo ledger,
/// large imports); table, columns and value conversions still come from the EF model, so the rows
/// are exactly what EF itself would write. Keys must be set by the caller.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(PortalDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.PropertyInfo is not null).ToList();

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var names = properties.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ({string.Join(", ", names)})";

        var bindings = new List<(IProperty Property, DbParameter Parameter, Func<object?, object?>? Convert)>();
        for (var i = 0; i < properties.Count; i++)
        {
            var mapping = (RelationalTypeMapping)properties[i].GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, names[i], null, nullable: true);
            command.Parameters.Add(parameter);
            bindings.Add((properties[i], parameter, mapping.Converter?.ConvertToProvider));
        }

        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            foreach (var (property, parameter, convert) in bindings)
            {
                var value = property.PropertyInfo!.GetValue(row);
                if (value is not null && convert is not null)
                {
                    value = convert(value);
                }

                parameter.Value = value ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
