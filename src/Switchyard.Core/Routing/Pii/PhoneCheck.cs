namespace Switchyard.Core.Routing.Pii;

/// <summary>Digit-count and shape checks for the phone patterns that cannot say it all in the regex.</summary>
internal static class PhoneCheck
{
    /// <summary>
    /// +CC then digits: 9–15 digits when grouped, 10–15 when written solid (E.164 allows 15). The
    /// pattern is greedy, so a number followed by another group ("+44 20 7946 0958 2024") is retried
    /// without its trailing groups.
    /// </summary>
    public static bool ValidateInternational(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        var candidate = text.Slice(start, length);
        while (!IsInternational(candidate))
        {
            int cut = candidate.LastIndexOfAny(' ', '-', '.');
            if (cut <= 0) return false;
            candidate = candidate[..cut];
            if (!char.IsAsciiDigit(candidate[^1])) return false;
        }
        length = candidate.Length;
        return true;
    }

    /// <summary>Trunk-prefix national numbers: 10–12 digits in all.</summary>
    public static bool ValidateTrunkPrefix(ReadOnlySpan<char> text, ref int start, ref int length) =>
        CountDigits(text.Slice(start, length)) is >= 10 and <= 12;

    internal static bool IsInternational(ReadOnlySpan<char> s)
    {
        int digits = 0, groups = 0, groupLength = 0, firstGroup = 0, singleDigitGroups = 0;
        bool inParens = false, separated = false, dotted = false, allLaterGroupsThree = true;
        char previous = '+';
        for (int i = 1; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                groupLength++;
                previous = c;
                continue;
            }
            switch (c)
            {
                case '(':
                    if (inParens || previous == '(') return false;
                    inParens = true;
                    break;
                case ')':
                    if (!inParens || !char.IsAsciiDigit(previous)) return false;
                    inParens = false;
                    break;
                default: // space, dot, dash
                    if (inParens || !char.IsAsciiDigit(previous) && previous != ')') return false;
                    separated = true;
                    dotted |= c == '.';
                    break;
            }
            CloseGroup();
            previous = c;
        }
        CloseGroup();
        if (inParens) return false;
        if (s.Contains("(0)", StringComparison.Ordinal)) digits--; // "+44 (0)20 ...": the trunk 0 is not dialled
        if (digits > 15 || digits < (separated ? 9 : 10)) return false;
        if (separated && firstGroup > 4) return false;           // a country code is 1-3 digits (4 with a glued area digit)
        if (singleDigitGroups > 1) return false;                  // "+1 2 3 4 5 ..." is arithmetic, not a number
        if (dotted && groups >= 3 && allLaterGroupsThree) return false; // "+100.000.000" is a thousands-grouped amount
        return true;

        void CloseGroup()
        {
            if (groupLength == 0) return;
            groups++;
            if (groups == 1) firstGroup = groupLength;
            else
            {
                if (groupLength == 1) singleDigitGroups++;
                if (groupLength != 3) allLaterGroupsThree = false;
            }
            groupLength = 0;
        }
    }

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        int count = 0;
        foreach (char c in s)
            if (char.IsAsciiDigit(c)) count++;
        return count;
    }
}
