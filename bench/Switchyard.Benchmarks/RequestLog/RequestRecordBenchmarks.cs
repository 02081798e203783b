using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Switchyard.Core.Accounting;
using Switchyard.Core.Chat;
using Switchyard.Server.Http;

namespace Switchyard.Benchmarks.RequestLog;

/// <summary>
/// Two things every request makes for its request-log row: its id and the digest of its answer.
/// The baselines are what the gateway used before: Guid.CreateVersion7 (one read of /dev/urandom per
/// id) and an IncrementalHash per answer (an OpenSSL context and a SafeHandle).
/// </summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*RequestRecord*' --job short</remarks>
[MemoryDiagnoser]
public class RequestRecordBenchmarks
{
    private readonly RequestIdGenerator ids = new(TimeProvider.System);
    private readonly ChatCompletion answer = new()
    {
        Id = "chatcmpl-bench", Model = "gpt-4.1-mini",
        Choices = [new ChatChoice { Message = new ChatMessage { Role = "assistant", Content = MessageContent.FromText(
            "Simulated answer to the benchmark's question: a sentence of about the length a max_tokens of 16 leaves.") } }],
    };

    [Benchmark(Baseline = true)]
    public string RequestId_GuidCreateVersion7() => "req_" + Guid.CreateVersion7(TimeProvider.System.GetUtcNow()).ToString("N");

    [Benchmark]
    public string RequestId_Generator() => ids.Next();

    [Benchmark]
    public string Digest_IncrementalHash()
    {
        // As ResponseDigest did before: the piece encoded on the stack, appended to an incremental hash.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[512];
        var written = Encoding.UTF8.GetBytes(answer.Choices[0].Message.Content!.AllText(), buffer);
        hash.AppendData(buffer[..written]);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [Benchmark]
    public string Digest_ResponseDigest() => ResponseDigest.Of(answer, keepText: false).Sha256Hex();
}
