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
