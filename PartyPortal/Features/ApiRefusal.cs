using PartyPortal.Access;

namespace PartyPortal.Features;

/// <summary>The API's answer to a refusal by a feature service: a 403 problem carrying its zh-CN message.</summary>
public static class ApiRefusal
{
    public static async ValueTask<object?> AsProblemAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (AccessDeniedException e)
        {
            return TypedResults.Problem(title: e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
    }
}
