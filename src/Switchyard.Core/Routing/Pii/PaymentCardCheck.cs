namespace Switchyard.Core.Routing.Pii;

/// <summary>
/// Card numbers: 13–19 digits, one separator kind in groups of 3–6, the Luhn check, and a prefix and
/// length of a major network (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, Mir).
/// </summary>
internal static class PaymentCardCheck
{
    public static bool Validate(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        // The pattern is greedy: "4111 1111 1111 1111 123" would swallow a trailing number,
        // so drop trailing groups until the rest is a card or too short.
        var candidate = text.Slice(start, length);
        while (true)
        {
            if (IsCard(candidate))
            {
                length = candidate.Length;
                return true;
            }
            int cut = candidate.LastIndexOfAny(' ', '-');
            if (cut < 0) return false;
            candidate = candidate[..cut];
        }
    }

    internal static bool IsCard(ReadOnlySpan<char> candidate)
    {
        Span<byte> digits = stackalloc byte[19];
        int count = 0, group = 0;
        char separator = '\0';
        foreach (char c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length) return false;
                digits[count++] = (byte)(c - '0');
                group++;
                continue;
            }
            if (separator == '\0') separator = c;
            else if (c != separator) return false;
            if (group is < 3 or > 6) return false;
            group = 0;
        }
        if (separator != '\0' && group is < 3 or > 6) return false;
        if (count < 13) return false;
        var number = digits[..count];
        return Luhn(number) && IsKnownNetwork(number);
    }

    internal static bool Luhn(ReadOnlySpan<byte> digits)
    {
        int sum = 0;
        bool doubleIt = false;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int d = digits[i];
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    private static bool IsKnownNetwork(ReadOnlySpan<byte> d)
    {
        int length = d.Length;
        int p2 = d[0] * 10 + d[1];
        int p3 = p2 * 10 + d[2];
        int p4 = p3 * 10 + d[3];
        int p6 = p4 * 100 + d[4] * 10 + d[5];
        bool maestro = p4 is 5018 or 5020 or 5038 or 5893 or 6304 or 6759 or 6761 or 6762 or 6763;
        return d[0] switch
        {
            4 => length is 13 or 16 or 19,                                                   // Visa
            5 => (p2 is >= 51 and <= 55 && length == 16) || maestro,                          // Mastercard, Maestro
            2 => (p4 is >= 2221 and <= 2720 && length == 16) || (p4 is >= 2200 and <= 2204 && length >= 16), // Mastercard 2-series, Mir
            3 => (p2 is 34 or 37 && length == 15)                                             // Amex
                 || (p4 is >= 3528 and <= 3589 && length >= 16)                              // JCB
                 || ((p3 is >= 300 and <= 305 || p2 is 36 or 38 or 39) && length >= 14),     // Diners
            6 => ((p4 == 6011 || p3 is >= 644 and <= 649 || p2 == 65 || p6 is >= 622126 and <= 622925) && length >= 16) // Discover
                 || (p2 == 62 && length >= 16)                                                // UnionPay
                 || maestro,
            _ => false,
        };
    }
}
