using System.Text;

namespace Khidma.Tests.MailProtocols;

// An in-memory mail server that plays a script: what it sends (optionally cut into small reads, to
// exercise buffering) and exactly what it expects the client to have written before it sends more.
public sealed class ScriptedServerStream : Stream
{
    private readonly Queue<Step> steps = new();
    private readonly MemoryStream written = new();
    private long checkedUpTo;
    private byte[]? sending;
    private int sendingPos;
    private int sendingChunk;

    private sealed record Step(byte[] Data, bool FromServer, int Chunk, bool Hang);

    public bool Disposed { get; private set; }

    // Everything the client wrote, for assertions that must hold whatever the script said.
    public string Written => Encoding.Latin1.GetString(written.ToArray());

    public ScriptedServerStream Send(string text, int chunk = int.MaxValue) => Send(Encoding.UTF8.GetBytes(text), chunk);

    public ScriptedServerStream Send(byte[] bytes, int chunk = int.MaxValue)
    {
        steps.Enqueue(new Step(bytes, true, chunk, false));
        return this;
    }

    public ScriptedServerStream Expect(string text) => Expect(Encoding.UTF8.GetBytes(text));

    public ScriptedServerStream Expect(byte[] bytes)
    {
        steps.Enqueue(new Step(bytes, false, 0, false));
        return this;
    }

    // The server goes silent: reads wait until the client's token is cancelled.
    public ScriptedServerStream Hang()
    {
        steps.Enqueue(new Step([], true, 0, true));
        return this;
    }

    public void AssertDone()
    {
        if (steps.Count > 0 || sending is not null)
        {
            var next = steps.Count > 0 ? Describe(steps.Peek()) : "the rest of a send";
            throw new InvalidOperationException($"The script was not played to the end; next: {next}. Client wrote: {Written}");
        }

        if (checkedUpTo != written.Length)
        {
            throw new InvalidOperationException($"The client wrote more than the script expected: {Encoding.Latin1.GetString(written.ToArray(), (int)checkedUpTo, (int)(written.Length - checkedUpTo))}");
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (sending is null)
        {
            if (steps.Count == 0)
            {
                return 0;
            }

            var step = steps.Dequeue();
            if (step.Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (!step.FromServer)
            {
                CheckExpected(step.Data);
                continue;
            }

            sending = step.Data;
            sendingPos = 0;
            sendingChunk = step.Chunk;
        }

        var n = Math.Min(Math.Min(buffer.Length, sendingChunk), sending.Length - sendingPos);
        sending.AsMemory(sendingPos, n).CopyTo(buffer);
        sendingPos += n;
        if (sendingPos == sending.Length)
        {
            sending = null;
        }

        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        written.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Write(byte[] buffer, int offset, int count) => written.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private void CheckExpected(byte[] expected)
    {
        var all = written.ToArray();
        var available = all.Length - (int)checkedUpTo;
        var actual = all.AsSpan((int)checkedUpTo, Math.Min(available, expected.Length));
        if (!actual.SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"The client wrote {Show(actual)} where the script expected {Show(expected)}.");
        }

        checkedUpTo += expected.Length;
    }

    private static string Show(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.Latin1.GetString(bytes.Length > 300 ? bytes[..300] : bytes);
        return "\"" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }

    private static string Describe(Step step) => step.Hang ? "hang" : (step.FromServer ? "send " : "expect ") + Show(step.Data);
}
