package io.github.sparkasgd.exchange;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Transport pieces of frames too large for one RPC message. A worker sends a large frame as
 * {@code DATA} chunks, one ask each (so at most one chunk per worker is in flight: the credit that
 * keeps executor heartbeats flowing on the shared connection); a large reply comes back as its first
 * chunk and the worker {@code FETCH}es the rest. Layout, big-endian:
 * <pre>
 * int magic 'SAGC' | byte kind | long fitId | int worker | long transfer | int index | int count |
 * int totalBytes | int length | length bytes
 * </pre>
 */
public record Chunk(Kind kind, long fitId, int worker, long transfer, int index, int count, int totalBytes,
    byte[] data) {

  static final int MAGIC = 0x53414743;
  static final int HEADER_BYTES = 4 + 1 + 8 + 4 + 8 + 4 + 4 + 4 + 4;

  /** What a chunk message is. */
  public enum Kind {
    /** worker -> driver: part of a request frame. */
    DATA,
    /** driver -> worker: part of a reply frame. */
    REPLY,
    /** worker -> driver: asks for reply chunk {@code index}. */
    FETCH,
    /** driver -> worker: request chunk received, send the next. */
    CREDIT
  }

  /** Whether the bytes start like a chunk rather than a frame. */
  public static boolean isChunk(byte[] bytes) {
    return bytes != null && bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == MAGIC;
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + data.length);
    b.putInt(MAGIC).put((byte) kind.ordinal()).putLong(fitId).putInt(worker).putLong(transfer).putInt(index)
        .putInt(count).putInt(totalBytes).putInt(data.length).put(data);
    return b.array();
  }

  /**
   * @param maxChunkBytes the most data one chunk may carry
   * @param maxTotalBytes the largest frame a transfer may assemble
   * @throws FrameFormatException when the bytes are not a well-formed chunk within those limits
   */
  public static Chunk decode(byte[] bytes, int maxChunkBytes, long maxTotalBytes) {
    if (bytes == null || bytes.length < HEADER_BYTES || bytes.length > HEADER_BYTES + (long) maxChunkBytes) {
      throw new FrameFormatException("chunk size " + (bytes == null ? "null" : bytes.length) + " out of range");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      if (b.getInt() != MAGIC) {
        throw new FrameFormatException("bad chunk magic");
      }
      int k = b.get();
      if (k < 0 || k >= Kind.values().length) {
        throw new FrameFormatException("unknown chunk kind " + k);
      }
      long fitId = b.getLong();
      int worker = b.getInt();
      long transfer = b.getLong();
      int index = b.getInt();
      int count = b.getInt();
      int total = b.getInt();
      int length = b.getInt();
      if (total < 0 || total > maxTotalBytes || count < 1 || index < 0 || index >= count
          || (long) count * maxChunkBytes < total || length != b.remaining() || length > maxChunkBytes) {
        throw new FrameFormatException("inconsistent chunk header: index " + index + " of " + count + ", "
            + length + " of " + total + " bytes");
      }
      byte[] data = new byte[length];
      b.get(data);
      return new Chunk(Kind.values()[k], fitId, worker, transfer, index, count, total, data);
    } catch (BufferUnderflowException e) {
      throw new FrameFormatException("truncated chunk");
    }
  }

  /** Number of chunks a frame of {@code total} bytes needs. */
  static int countFor(int total, int chunkBytes) {
    return Math.max(1, (int) (((long) total + chunkBytes - 1) / chunkBytes));
  }

  /** Chunk {@code index} of {@code frame}. */
  static Chunk slice(Kind kind, long fitId, int worker, long transfer, byte[] frame, int index, int chunkBytes) {
    int from = index * chunkBytes;
    int to = Math.min(frame.length, from + chunkBytes);
    return new Chunk(kind, fitId, worker, transfer, index, countFor(frame.length, chunkBytes), frame.length,
        java.util.Arrays.copyOfRange(frame, from, to));
  }
}
