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
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        if (connection is Npgsql.NpgsqlConnection npgsql)
        {
            var name = sql.DelimitIdentifier(table.Name, table.Schema);
            await CopyAsync(npgsql, $"COPY {name} ({columns}) FROM STDIN (FORMAT BINARY)", properties, rows, ct);

            // Keys written by COPY do not move the identity's sequence: past them, or the next ordinary insert takes a
            // key that is already there.
            if (entityType.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] && (key.ClrType == typeof(int) || key.ClrType == typeof(long)))
            {
                var column = sql.DelimitIdentifier(key.GetColumnName(table)!);
                await using var advance = npgsql.CreateCommand();
                advance.CommandText = $"SELECT setval(pg_get_serial_sequence(@table, @column), (SELECT MAX({column}) FROM {name}))";
                advance.Parameters.AddWithValue("table", name);
                advance.Parameters.AddWithValue("column", key.GetColumnName(table)!);
                await advance.ExecuteNonQueryAsync(ct);
            }

            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
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

    /// <summary>
    /// PostgreSQL: one COPY in binary format, in the connection's current transaction; a row per round trip would take
    /// the demo ledger's half a million rows minutes. Values are converted as EF converts them and written as the
    /// column's store type.
    /// </summary>
    private static async Task CopyAsync<T>(Npgsql.NpgsqlConnection connection, string copy, List<IProperty> properties, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        var columns = properties
            .Select(p => (Property: p, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .Select(c => (c.Property, c.Mapping.StoreTypeNameBase, Convert: c.Mapping.Converter?.ConvertToProvider))
            .ToList();
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var (property, storeType, convert) in columns)
            {
                var value = property.PropertyInfo!.GetValue(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                    continue;
                }

                await importer.WriteAsync(convert is null ? value : convert(value), storeType, ct);
            }
        }

        await importer.CompleteAsync(ct);
    }
}
