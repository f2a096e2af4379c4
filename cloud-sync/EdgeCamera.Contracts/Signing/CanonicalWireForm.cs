using System.Buffers;
using System.Text.Json;
using EdgeCamera.Contracts.Evidence;

namespace EdgeCamera.Contracts.Signing;

/// <summary>
/// Whether the bytes received are exactly the wire form <see cref="WireJson"/> writes for the package parsed from them
/// (one package, one byte form). The form is written into a pooled buffer and compared, instead of into a new array:
/// that array was 628 KB per package at intake (large-object heap, zeroed, collected in generation 2).
/// </summary>
internal static class CanonicalWireForm
{
    /// <summary>Room beyond the received length: a longer form cannot match, but must not fail the writing.</summary>
    private const int Slack = 4096;

    public static bool Matches(ReadOnlySpan<byte> received, EvidencePackage package)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(received.Length + Slack);
        try
        {
            var sink = new FixedBufferWriter(buffer);
            using (var writer = new Utf8JsonWriter(sink))
            {
                JsonSerializer.Serialize(writer, package, WireJsonContext.Default.EvidencePackage);
            }

            return !sink.Overflowed && received.SequenceEqual(buffer.AsSpan(0, sink.Written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes into one fixed array; past its end it hands out scratch space and remembers that it overflowed.</summary>
    private sealed class FixedBufferWriter(byte[] buffer) : IBufferWriter<byte>
    {
        private byte[]? _scratch;

        public int Written { get; private set; }

        public bool Overflowed { get; private set; }

        public void Advance(int count)
        {
            if (!Overflowed)
            {
                Written += count;
            }
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            var needed = Math.Max(sizeHint, 1);
            if (!Overflowed && buffer.Length - Written >= needed)
            {
                return buffer.AsMemory(Written);
            }

            Overflowed = true;
            if (_scratch is null || _scratch.Length < needed)
            {
                _scratch = new byte[Math.Max(needed, 4096)];
            }

            return _scratch;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
