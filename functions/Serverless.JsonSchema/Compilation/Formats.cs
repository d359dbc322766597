using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Serverless.Schemas.Compilation;

/// <summary>
/// The formats asserted when <see cref="JsonSchemaOptions.AssertFormat"/> is on: date-time and date (RFC 3339),
/// email (RFC 5321 mailbox), uuid (RFC 4122 text form), uri (RFC 3986 absolute URI, ASCII only). Digits are ASCII
/// only, as the RFCs' ABNF says (.NET's \d would accept other scripts' digits).
/// </summary>
internal static partial class Formats
{
    public static Func<string, bool>? Checker(string format) => format switch
    {
        "date-time" => IsDateTime,
        "date" => IsDate,
        "email" => IsEmail,
        "uuid" => IsUuid,
        "uri" => IsUri,
        _ => null,
    };

    public static bool IsDate(string text)
    {
        var match = DatePattern().Match(text);
        return match.Success && IsCalendarDate(match);
    }

    public static bool IsDateTime(string text)
    {
        var match = DateTimePattern().Match(text);
        if (!match.Success || !IsCalendarDate(match))
        {
            return false;
        }

        var hour = Number(match, "hour");
        var minute = Number(match, "minute");
        var second = Number(match, "second");
        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var offsetMinutes = 0;
        if (match.Groups["sign"].Success)
        {
            var offsetHour = Number(match, "offsetHour");
            var offsetMinute = Number(match, "offsetMinute");
            if (offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offsetMinutes = (match.Groups["sign"].Value == "+" ? 1 : -1) * ((offsetHour * 60) + offsetMinute);
        }

        // A leap second exists only as the last second of a UTC day.
        if (second == 60)
        {
            var utcMinuteOfDay = ((((hour * 60) + minute - offsetMinutes) % 1440) + 1440) % 1440;
            return utcMinuteOfDay == 1439;
        }

        return true;
    }

    public static bool IsUuid(string text) => UuidPattern().IsMatch(text);

    public static bool IsEmail(string text)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return false;
        }

        var local = text[..at];
        var domain = text[(at + 1)..];
        var localOk = local.StartsWith('"') ? QuotedLocalPattern().IsMatch(local) : DotAtomPattern().IsMatch(local);
        return localOk && IsMailDomain(domain);
    }

    public static bool IsUri(string text)
    {
        if (!UriPattern().IsMatch(text))
        {
            return false;
        }

        // An authority, when present, needs a host or a bracketed IP literal that parses.
        var rest = text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return true;
        }

        var end = rest.IndexOfAny(['/', '?', '#'], 2);
        var authority = end < 0 ? rest[2..] : rest[2..end];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close > 0 && IPAddress.TryParse(host[1..close], out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        return !host.Contains('[', StringComparison.Ordinal) && !host.Contains(']', StringComparison.Ordinal);
    }

    private static bool IsMailDomain(string domain)
    {
        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            var literal = domain[1..^1];
            if (literal.StartsWith("IPv6:", StringComparison.Ordinal))
            {
                return IPAddress.TryParse(literal[5..], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            }

            return Ipv4Pattern().IsMatch(literal) && literal.Split('.').All(part => int.Parse(part, CultureInfo.InvariantCulture) <= 255);
        }

        return domain.Length <= 253 && domain.Split('.').All(label => HostLabelPattern().IsMatch(label));
    }

    private static bool IsCalendarDate(Match match)
    {
        var year = Number(match, "year");
        var month = Number(match, "month");
        var day = Number(match, "day");
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month);
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex("^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex("^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(\\.[0-9]+)?([Zz]|(?<sign>[+-])(?<offsetHour>[0-9]{2}):(?<offsetMinute>[0-9]{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DotAtomPattern();

    [GeneratedRegex("^\"([\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\x20-\\x7E])*\"$", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedLocalPattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostLabelPattern();

    [GeneratedRegex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    /// <summary>RFC 3986: scheme ":" then only unreserved, reserved and well-formed percent-escapes, one fragment at most.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9\\-._~!$&'()*+,;=:@/?\\[\\]]|%[0-9A-Fa-f]{2})*(#([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UriPattern();
}
