namespace PartyPortal.Access;

/// <summary>Where a sign-in may send people afterwards: a path of this portal, never another site.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// The path relative to the portal's base, or "" (the home page) for anything that is not plainly a local
    /// path. Browsers strip leading spaces and tabs, drop tabs and line breaks inside a URL, and read a backslash
    /// as a slash, so " //evil", "/\evil" and "/\t/evil" all leave the site: a local path here is one slash
    /// followed by anything but a slash or backslash, with no control character, space or backslash anywhere.
    /// </summary>
    public static string LocalOrHome(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return "";
        }

        if (url.Length > 1 && url[1] is '/' or '\\')
        {
            return "";
        }

        foreach (var c in url)
        {
            if (c <= ' ' || c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return "";
            }
        }

        return url[1..];
    }
}
