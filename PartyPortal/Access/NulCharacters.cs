using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartyPortal.Access;

/// <summary>
/// U+0000 is refused at the door. No name, title or code of the portal holds it, and PostgreSQL's text cannot store
/// or even compare it: a value with one would reach the database as a server error (SQLite would store it, so the
/// portal refuses it on either). A JSON string with one fails to read (400, as any unreadable body); a query string
/// or a form with one is answered 400 before anything reads it.
/// </summary>
public static class NulCharacters
{
    public const string Message = "不能含有控制字符（U+0000 空字符），请删除后重试。";

    public static bool In(string? value) => value is not null && value.Contains('\0', StringComparison.Ordinal);

    /// <summary>Refuses a request whose query string or urlencoded form holds U+0000; multipart uploads are read by their importers.</summary>
    public static IApplicationBuilder UseNulCharacterRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var refused = request.Query.Any(q => In(q.Key) || q.Value.Any(In));
        if (!refused && request.HasFormContentType && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                refused = form.Any(f => In(f.Key) || f.Value.Any(In));
            }
            catch (InvalidDataException)
            {
                // The form reader refuses U+0000 itself, by throwing ("the form value contains invalid characters").
                refused = true;
            }
        }

        if (refused)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await TypedResults.Problem(title: Message, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>The reader's refusal: the body's field is named in the 400 (the reader adds its path), with <see cref="Message"/>.</summary>
    public sealed class RefusedException() : JsonException(NulCharacters.Message);

    /// <summary>Reads JSON strings as usual, refusing one that holds U+0000.</summary>
    public sealed class JsonConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return In(value) ? throw new RefusedException() : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value);
        }
    }
}
