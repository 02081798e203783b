namespace Switchyard.Core.Routing.Pii;

/// <summary>Check digits and allocation rules of the national identifiers (the US SSN needs none beyond its pattern).</summary>
internal static class NationalIdChecks
{
    /// <summary>UK NINO: the prefixes BG, GB, NK, KN, TN, NT and ZZ are never allocated.</summary>
    public static bool ValidateUkNino(ReadOnlySpan<char> text, ref int start, ref int length) =>
        text.Slice(start, 2) is not ("BG" or "GB" or "NK" or "KN" or "TN" or "NT" or "ZZ");

    /// <summary>
    /// French NIR: month 01–12, 20–42 or 50–99 (the last two for unknown or provisional births), and the
    /// key = 97 − (the 13-digit number mod 97), where Corsica's 2A and 2B count as 19 and 18.
    /// </summary>
    public static bool ValidateFrNir(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        Span<char> c = stackalloc char[15];
        int n = 0;
        foreach (char ch in text.Slice(start, length))
            if (ch != ' ') c[n++] = ch;
        if (n != 15) return false;

        int month = (c[3] - '0') * 10 + (c[4] - '0');
        if (month is 0 or (> 12 and < 20) or (> 42 and < 50)) return false;

        long number = 0;
        for (int i = 0; i < 13; i++)
        {
            int digit = c[i] switch
            {
                'A' => 9, // 2A -> 19
                'B' => 8, // 2B -> 18
                var d => d - '0',
            };
            if (i == 5 && c[6] is 'A' or 'B') digit = 1;
            number = number * 10 + digit;
        }
        int key = (c[13] - '0') * 10 + (c[14] - '0');
        return key == 97 - (int)(number % 97);
    }

    /// <summary>Spanish DNI / NIE: the letter is "TRWAGMYFPDXBNJZSQVHLCKE"[number mod 23]; NIE's X, Y, Z count as 0, 1, 2.</summary>
    public static bool ValidateEsDni(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        const string letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        var candidate = text.Slice(start, length);
        int number = 0;
        foreach (char ch in candidate[..^1])
        {
            int digit = ch switch
            {
                'X' => 0,
                'Y' => 1,
                'Z' => 2,
                >= '0' and <= '9' => ch - '0',
                _ => -1, // dots and the dash before the letter
            };
            if (digit >= 0) number = number * 10 + digit;
        }
        return letters[number % 23] == candidate[^1];
    }

    /// <summary>
    /// Dutch BSN: the 11-check (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11). One random nine-digit number in
    /// eleven passes it, so a finding also needs a word naming it (BSN, burgerservicenummer, sofinummer,
    /// citizen service number) in the 40 characters before it.
    /// </summary>
    public static bool ValidateNlBsn(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        int sum = 0, position = 0;
        foreach (char ch in text.Slice(start, length))
        {
            if (ch == '.') continue;
            int digit = ch - '0';
            sum += position == 8 ? -digit : digit * (9 - position);
            position++;
        }
        if (sum == 0 || sum % 11 != 0) return false;

        var before = text[Math.Max(0, start - 40)..start];
        return before.Contains("bsn", StringComparison.OrdinalIgnoreCase)
            || before.Contains("burgerservicenummer", StringComparison.OrdinalIgnoreCase)
            || before.Contains("sofinummer", StringComparison.OrdinalIgnoreCase)
            || before.Contains("sofi-nummer", StringComparison.OrdinalIgnoreCase)
            || before.Contains("citizen service number", StringComparison.OrdinalIgnoreCase);
    }
}
