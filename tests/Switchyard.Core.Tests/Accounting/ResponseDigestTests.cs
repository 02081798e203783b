using System.Security.Cryptography;
using System.Text;
using Switchyard.Core.Accounting;
using Switchyard.Core.Chat;

namespace Switchyard.Core.Tests.Accounting;

/// <summary>Deltas are encoded on the stack, long ones in a pooled buffer: the hash must be SHA-256 over the UTF-8 of all of them, whatever their size.</summary>
public sealed class ResponseDigestTests
{
    [Fact]
    public void Pieces_short_and_long_hash_as_their_concatenated_utf8()
    {
        string[] pieces = ["Hi", "", " caf\u00e9 \U0001F600", new string('x', 171) + "\u4e16\u754c", new string('\u00e9', 2_000), "end"];
        var digest = new ResponseDigest(keepText: true);

        foreach (var piece in pieces) digest.Append(piece);

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(pieces))));
        Assert.Equal(expected, digest.Sha256Hex());
        Assert.Equal(string.Concat(pieces), digest.Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(20_000)]
    public void Answers_under_at_and_over_the_one_shot_buffer_hash_the_same_way(int bytes)
    {
        // Pieces of 100 bytes and a remainder: the gathered bytes cross 4 KB mid-answer for the larger sizes.
        var whole = new string('y', bytes);
        var digest = new ResponseDigest(keepText: false);
        for (var at = 0; at < whole.Length; at += 100) digest.Append(whole[at..Math.Min(whole.Length, at + 100)]);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(whole))), digest.Sha256Hex());
        Assert.Equal(digest.Sha256Hex(), digest.Sha256Hex()); // asking again gives the same answer
    }

    [Fact]
    public void A_stream_and_the_equivalent_complete_answer_hash_alike()
    {
        var text = "The sky is blue " + new string('\u00e9', 600);
        var stream = new ResponseDigest(keepText: false);
        foreach (var part in new[] { text[..5], text[5..300], text[300..] })
            stream.Add(new ChatCompletionChunk { Choices = [new ChunkChoice { Delta = new ChunkDelta { Content = part } }] });

        var complete = ResponseDigest.Of(new ChatCompletion
        {
            Choices = [new ChatChoice { Message = new ChatMessage { Role = "assistant", Content = MessageContent.FromText(text) } }],
        }, keepText: false);

        Assert.Equal(complete.Sha256Hex(), stream.Sha256Hex());
    }
}
