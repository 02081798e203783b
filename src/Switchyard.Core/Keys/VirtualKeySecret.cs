using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Core.Keys;

/// <summary>
/// Virtual key secrets: <c>sk-sy-</c> + 43 base62 characters (32 random bytes). The first
/// <see cref="IdLength"/> characters after the prefix are the key's id: not secret, stored in clear
/// for lookup and shown in lists. The whole key is stored only as SHA-256(salt ‖ key) with a random
/// 16-byte salt per key. (A slow hash such as PBKDF2 protects guessable passwords; 256 random bits
/// cannot be guessed, so one SHA-256 is enough and keeps verification off the request path's budget.)
/// </summary>
public static class VirtualKeySecret
{
    public const string Prefix = "sk-sy-";
    public const int IdLength = 8;
    public const int SaltBytes = 16;
    private const int SecretBytes = 32;

    /// <summary>A new key and its id.</summary>
    public static (string Key, string Id) Generate()
    {
        var key = Prefix + Base62.Encode(RandomNumberGenerator.GetBytes(SecretBytes));
        return (key, IdOf(key)!);
    }

    /// <summary>The id of a well-formed key; null for anything else (wrong prefix, too short, not base62).</summary>
    public static string? IdOf(string presented)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length < Prefix.Length + IdLength + 16) return null;
        for (var i = Prefix.Length; i < presented.Length; i++)
            if (!char.IsAsciiLetterOrDigit(presented[i])) return null;
        return presented.Substring(Prefix.Length, IdLength);
    }

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static byte[] Hash(string key, byte[] salt)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var input = new byte[salt.Length + keyBytes.Length];
        salt.CopyTo(input, 0);
        keyBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    /// <summary>Constant-time comparison of the presented key's hash with the stored one.</summary>
    public static bool Verify(string presented, byte[] salt, byte[] hash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented, salt), hash);
}

/// <summary>Base62 (0-9, A-Z, a-z) of a byte string, big-endian, as a number: URL- and header-safe, no padding.</summary>
public static class Base62
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        // 32 bytes → 43 digits; fixed length keeps every key the same size.
        var length = (int)Math.Ceiling(bytes.Length * 8 / Math.Log2(62));
        var number = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var chars = new char[length];
        for (var i = length - 1; i >= 0; i--)
        {
            number = System.Numerics.BigInteger.DivRem(number, 62, out var digit);
            chars[i] = Alphabet[(int)digit];
        }
        return new string(chars);
    }
}
