package io.github.sparkasgd.exchange;

/**
 * A worker's channel that splits requests larger than {@code chunkBytes} into chunks and fetches
 * chunked replies, one ask at a time, each with the channel's timeout.
 */
public final class ChunkedChannel implements SparkRpc.Channel {
  private final SparkRpc.Channel inner;
  private final long fitId;
  private final int worker;
  private final int chunkBytes;
  private final long maxFrameBytes;
  private long transfer;

  public ChunkedChannel(SparkRpc.Channel inner, long fitId, int worker, int chunkBytes, long maxFrameBytes) {
    this.inner = inner;
    this.fitId = fitId;
    this.worker = worker;
    this.chunkBytes = chunkBytes;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public byte[] ask(byte[] request, long timeoutMillis) {
    byte[] reply;
    if (request.length <= chunkBytes) {
      reply = inner.ask(request, timeoutMillis);
    } else {
      long id = ++transfer;
      int count = Chunk.countFor(request.length, chunkBytes);
      reply = null;
      for (int i = 0; i < count; i++) {
        reply = inner.ask(Chunk.slice(Chunk.Kind.DATA, fitId, worker, id, request, i, chunkBytes).encode(),
            timeoutMillis);
        if (i < count - 1) {
          Chunk credit = Chunk.decode(reply, chunkBytes, maxFrameBytes);
          if (credit.kind() != Chunk.Kind.CREDIT || credit.transfer() != id || credit.index() != i) {
            throw new IllegalStateException("unexpected reply to chunk " + i + " of transfer " + id);
          }
        }
      }
    }
    return Chunk.isChunk(reply) ? fetchRest(Chunk.decode(reply, chunkBytes, maxFrameBytes), timeoutMillis) : reply;
  }

  private byte[] fetchRest(Chunk first, long timeoutMillis) {
    if (first.kind() != Chunk.Kind.REPLY || first.index() != 0) {
      throw new IllegalStateException("expected the first reply chunk, got " + first.kind() + " " + first.index());
    }
    byte[] frame = new byte[first.totalBytes()];
    int filled = copy(first, frame, 0);
    for (int i = 1; i < first.count(); i++) {
      Chunk fetch = new Chunk(Chunk.Kind.FETCH, fitId, worker, first.transfer(), i, first.count(),
          first.totalBytes(), new byte[0]);
      Chunk next = Chunk.decode(inner.ask(fetch.encode(), timeoutMillis), chunkBytes, maxFrameBytes);
      if (next.kind() != Chunk.Kind.REPLY || next.index() != i || next.transfer() != first.transfer()) {
        throw new IllegalStateException("unexpected reply chunk " + next.index() + " (wanted " + i + ")");
      }
      filled = copy(next, frame, filled);
    }
    if (filled != frame.length) {
      throw new IllegalStateException("reply of " + frame.length + " bytes arrived with " + filled);
    }
    return frame;
  }

  private static int copy(Chunk c, byte[] frame, int at) {
    if (at + c.data().length > frame.length) {
      throw new IllegalStateException("reply chunks exceed the announced size");
    }
    System.arraycopy(c.data(), 0, frame, at, c.data().length);
    return at + c.data().length;
  }
}
