namespace EdgeCamera.Edge.Tests;

/// <summary>A disk that can fill up: every <see cref="DiskFullStream"/> on it refuses writes while <see cref="Full"/> is set.</summary>
internal sealed class Disk
{
    public bool Full { get; set; }
}

/// <summary>A file on a disk that is full once <see cref="Disk.Full"/> is set: writes fail like ENOSPC.</summary>
internal sealed class DiskFullStream(FileStream inner, Disk disk) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value)
    {
        ThrowIfFull();
        inner.SetLength(value);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ThrowIfFull();
        inner.Write(buffer, offset, count);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ThrowIfFull()
    {
        if (disk.Full)
        {
            throw new IOException("No space left on device");
        }
    }
}
