using System.Net;

namespace Switchyard.Providers.Tests.Anthropic;

/// <summary>Answers 200 with a body that delivers some bytes and then fails as a reset connection does.</summary>
internal sealed class BreakingStreamHandler(byte[] head) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream(head)) });

    private sealed class BreakingStream(byte[] head) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= head.Length) throw new IOException("connection reset by peer");
            var n = Math.Min(count, head.Length - _position);
            Array.Copy(head, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
