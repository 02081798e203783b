using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Switchyard.Core.Chat;

namespace Switchyard.Core.Accounting;

/// <summary>
/// The answer's content as the request log sees it: a SHA-256 over the UTF-8 text of every choice
/// (content, then tool-call names and arguments) in the order it was sent, the same for a stream
/// and for the equivalent complete answer; and, only when body logging is on, the text itself.
/// Streams are hashed chunk by chunk, so no text is kept unless asked for.
/// </summary>
public sealed class ResponseDigest(bool keepText)
{
    // Most answers are short: their bytes are gathered in a pooled buffer and hashed in one call at the
    // end. Only an answer that outgrows it gets an incremental hash (an OpenSSL context and a SafeHandle,
    // about 1% of a request's CPU when every request made one).
    private const int OneShotLimit = 4096;

    private byte[]? pending;
    private int pendingLength;
    private IncrementalHash? hash;
    private readonly StringBuilder? text = keepText ? new StringBuilder() : null;
    private string? sha256;

    public static ResponseDigest Of(ChatCompletion completion, bool keepText)
    {
        var digest = new ResponseDigest(keepText);
        foreach (var choice in completion.Choices)
        {
            digest.Append(choice.Message.Content?.AllText());
            foreach (var call in choice.Message.ToolCalls ?? [])
            {
                digest.Append(call.Function?.Name);
                digest.Append(call.Function?.Arguments);
            }
        }
        return digest;
    }

    public void Add(ChatCompletionChunk chunk)
    {
        foreach (var choice in chunk.Choices)
        {
            Append(choice.Delta.Content);
            // Not `ToolCalls ?? []`: that is a new empty list for every text delta of a stream.
            if (choice.Delta.ToolCalls is not { } calls) continue;
            foreach (var call in calls)
            {
                Append(call.Function?.Name);
                Append(call.Function?.Arguments);
            }
        }
    }

    public void Append(string? piece)
    {
        if (string.IsNullOrEmpty(piece) || sha256 is not null) return;
        // Encoded on the stack (or a pooled array for long pieces): a stream's deltas are many and small.
        var length = Encoding.UTF8.GetMaxByteCount(piece.Length);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var buffer = rented is null ? stackalloc byte[512] : rented;
        var written = Encoding.UTF8.GetBytes(piece, buffer);
        Absorb(buffer[..written]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        text?.Append(piece);
    }

    private void Absorb(ReadOnlySpan<byte> bytes)
    {
        if (hash is null)
        {
            if (pendingLength + bytes.Length <= OneShotLimit)
            {
                pending ??= ArrayPool<byte>.Shared.Rent(OneShotLimit);
                bytes.CopyTo(pending.AsSpan(pendingLength));
                pendingLength += bytes.Length;
                return;
            }
            hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(pending.AsSpan(0, pendingLength));
            ReturnPending();
        }
        hash.AppendData(bytes);
    }

    private void ReturnPending()
    {
        if (pending is not null) ArrayPool<byte>.Shared.Return(pending);
        (pending, pendingLength) = (null, 0);
    }

    /// <summary>Lower-case hex; ends the digest (later pieces are ignored).</summary>
    public string Sha256Hex()
    {
        if (sha256 is null)
        {
            if (hash is null)
            {
                Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(pending.AsSpan(0, pendingLength), digest);
                ReturnPending();
                sha256 = Convert.ToHexStringLower(digest);
            }
            else
            {
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                hash.Dispose();
            }
        }
        return sha256;
    }

    /// <summary>The text, when kept.</summary>
    public string? Text => text?.ToString();
}
