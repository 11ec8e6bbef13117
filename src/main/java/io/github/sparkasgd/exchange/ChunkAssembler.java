package io.github.sparkasgd.exchange;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The driver's side of chunking, in front of the {@link ExchangeServer}: reassembles chunked
 * requests (one transfer per worker, sizes checked against the largest valid frame before anything
 * is allocated), and cuts large replies into chunks that the worker fetches. Memory per worker: at
 * most one request and one reply being transferred. Single-threaded, like the server.
 */
public final class ChunkAssembler {
  private final long fitId;
  private final int chunkBytes;
  private final long maxFrameBytes;
  private final BiConsumer<byte[], Consumer<byte[]>> server;
  private final byte[][] incoming;
  private final long[] incomingTransfer;
  private final int[] incomingNext;
  private final byte[][] outgoing;
  private final long[] outgoingTransfer;
  private long nextReplyTransfer;

  /**
   * @param server handles complete request frames; its reply callback receives complete reply frames
   */
  public ChunkAssembler(long fitId, int numWorkers, int chunkBytes, long maxFrameBytes,
      BiConsumer<byte[], Consumer<byte[]>> server) {
    this.fitId = fitId;
    this.chunkBytes = chunkBytes;
    this.maxFrameBytes = maxFrameBytes;
    this.server = server;
    this.incoming = new byte[numWorkers][];
    this.incomingTransfer = new long[numWorkers];
    this.incomingNext = new int[numWorkers];
    this.outgoing = new byte[numWorkers][];
    this.outgoingTransfer = new long[numWorkers];
  }

  public void handle(byte[] message, Consumer<byte[]> reply) {
    if (!Chunk.isChunk(message)) {
      int w = FrameCodec.peekWorker(message);
      server.accept(message, frame -> reply.accept(firstReplyChunk(w >= 0 && w < outgoing.length ? w : -1, frame)));
      return;
    }
    Chunk c;
    try {
      c = Chunk.decode(message, chunkBytes, maxFrameBytes);
    } catch (FrameFormatException e) {
      server.accept(message, reply); // let the server reject it like any malformed frame
      return;
    }
    int w = c.worker();
    if (c.fitId() != fitId || w < 0 || w >= incoming.length) {
      server.accept(new byte[0], reply);
      return;
    }
    if (c.kind() == Chunk.Kind.FETCH) {
      fetch(c, reply);
    } else if (c.kind() == Chunk.Kind.DATA) {
      data(c, reply);
    } else {
      server.accept(new byte[0], reply);
    }
  }

  private void data(Chunk c, Consumer<byte[]> reply) {
    int w = c.worker();
    if (c.index() == 0) {
      // A new transfer (perhaps from a new attempt) replaces an unfinished one.
      incoming[w] = new byte[c.totalBytes()];
      incomingTransfer[w] = c.transfer();
      incomingNext[w] = 0;
    }
    byte[] buf = incoming[w];
    int at = c.index() * chunkBytes;
    if (buf == null || c.transfer() != incomingTransfer[w] || c.index() != incomingNext[w]
        || c.totalBytes() != buf.length || at + c.data().length > buf.length
        || (c.index() < c.count() - 1 && c.data().length != chunkBytes)) {
      incoming[w] = null;
      server.accept(new byte[0], reply);
      return;
    }
    System.arraycopy(c.data(), 0, buf, at, c.data().length);
    incomingNext[w]++;
    if (c.index() < c.count() - 1) {
      reply.accept(new Chunk(Chunk.Kind.CREDIT, fitId, w, c.transfer(), c.index(), c.count(), c.totalBytes(),
          new byte[0]).encode());
      return;
    }
    incoming[w] = null;
    if (at + c.data().length != buf.length) {
      server.accept(new byte[0], reply);
      return;
    }
    server.accept(buf, frame -> reply.accept(firstReplyChunk(w, frame)));
  }

  private byte[] firstReplyChunk(int w, byte[] frame) {
    if (frame.length <= chunkBytes || w < 0) {
      return frame;
    }
    outgoing[w] = frame;
    outgoingTransfer[w] = ++nextReplyTransfer;
    return Chunk.slice(Chunk.Kind.REPLY, fitId, w, outgoingTransfer[w], frame, 0, chunkBytes).encode();
  }

  private void fetch(Chunk c, Consumer<byte[]> reply) {
    int w = c.worker();
    byte[] frame = outgoing[w];
    if (frame == null || c.transfer() != outgoingTransfer[w]
        || c.index() >= Chunk.countFor(frame.length, chunkBytes)) {
      server.accept(new byte[0], reply);
      return;
    }
    if (c.index() == Chunk.countFor(frame.length, chunkBytes) - 1) {
      outgoing[w] = null;
    }
    reply.accept(Chunk.slice(Chunk.Kind.REPLY, fitId, w, c.transfer(), frame, c.index(), chunkBytes).encode());
  }

  /** Bytes held for transfers in progress (for the memory-bound test). */
  public long retainedBytes() {
    long sum = 0;
    for (int w = 0; w < incoming.length; w++) {
      sum += incoming[w] == null ? 0 : incoming[w].length;
      sum += outgoing[w] == null ? 0 : outgoing[w].length;
    }
    return sum;
  }
}
