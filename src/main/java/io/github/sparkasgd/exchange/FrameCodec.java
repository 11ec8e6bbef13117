package io.github.sparkasgd.exchange;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Our own binary format for {@link Frame}s, carried as {@code byte[]} over Spark's RPC: no Java
 * serialization of our classes, and nothing in a frame is trusted. Layout, big-endian:
 * <pre>
 * int magic 'SAGD' | byte version | byte type | long fitId | int stageId | int stageAttempt | int worker |
 * int taskAttempt | long seq | long clock | int flags | double lossSum | double lossWeight |
 * long examples | int vectorCount | vectorCount x (byte kind | int length | kind 0: length doubles;
 * kind 1: int nnz, nnz ints (strictly increasing, &lt; length), nnz doubles)
 * </pre>
 */
public final class FrameCodec {
  static final int MAGIC = 0x53414744;
  static final byte VERSION = 1;
  static final int HEADER_BYTES = 4 + 1 + 1 + 8 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + 8 + 8 + 4;
  private static final byte DENSE = 0;
  private static final byte SPARSE = 1;

  private final int modelSize;
  private final int maxVectors;

  /**
   * @param modelSize every vector must have exactly this length
   * @param maxVectors the most vectors a frame may carry
   */
  public FrameCodec(int modelSize, int maxVectors) {
    this.modelSize = modelSize;
    this.maxVectors = maxVectors;
  }

  /** The largest frame this codec accepts: every vector dense. */
  public long maxFrameBytes() {
    return HEADER_BYTES + (long) maxVectors * (1 + 4 + 8L * modelSize);
  }

  public byte[] encode(Frame f) {
    long size = HEADER_BYTES;
    for (WeightVector v : f.vectors()) {
      size += 1 + 4 + (v.isSparse() ? 4 + 12L * v.storedEntries() : 8L * v.length());
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("frame of " + size + " bytes is too large to send");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size);
    b.putInt(MAGIC).put(VERSION).put((byte) f.type().code).putLong(f.fitId()).putInt(f.stageId())
        .putInt(f.stageAttempt())
        .putInt(f.worker()).putInt(f.taskAttempt()).putLong(f.seq()).putLong(f.clock()).putInt(f.flags())
        .putDouble(f.lossSum()).putDouble(f.lossWeight()).putLong(f.examples()).putInt(f.vectors().size());
    for (WeightVector v : f.vectors()) {
      b.put(v.isSparse() ? SPARSE : DENSE).putInt(v.length());
      if (v.isSparse()) {
        b.putInt(v.storedEntries());
        for (int i : v.indices()) {
          b.putInt(i);
        }
      }
      for (double x : v.values()) {
        b.putDouble(x);
      }
    }
    return b.array();
  }

  /** The worker a frame claims to come from, read without decoding it; -1 when too short to tell. */
  static int peekWorker(byte[] frame) {
    int offset = 4 + 1 + 1 + 8 + 4 + 4; // magic, version, type, fitId, stageId, stageAttempt
    return frame == null || frame.length < offset + 4 ? -1 : ByteBuffer.wrap(frame).getInt(offset);
  }

  /** @throws FrameFormatException when the bytes are not a valid frame for this model size */
  public Frame decode(byte[] bytes) {
    if (bytes == null || bytes.length < HEADER_BYTES || bytes.length > maxFrameBytes()) {
      throw new FrameFormatException("frame size " + (bytes == null ? "null" : bytes.length)
          + " outside " + HEADER_BYTES + ".." + maxFrameBytes());
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      if (b.getInt() != MAGIC) {
        throw new FrameFormatException("bad magic");
      }
      byte version = b.get();
      if (version != VERSION) {
        throw new FrameFormatException("unsupported version " + version);
      }
      MessageType type = MessageType.fromCode(b.get());
      long fitId = b.getLong();
      int stageId = b.getInt();
      int stageAttempt = b.getInt();
      int worker = b.getInt();
      int taskAttempt = b.getInt();
      long seq = b.getLong();
      long clock = b.getLong();
      int flags = b.getInt();
      double lossSum = b.getDouble();
      double lossWeight = b.getDouble();
      long examples = b.getLong();
      int count = b.getInt();
      if (count < 0 || count > maxVectors) {
        throw new FrameFormatException("vector count " + count + " outside 0.." + maxVectors);
      }
      List<WeightVector> vectors = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        vectors.add(readVector(b));
      }
      if (b.hasRemaining()) {
        throw new FrameFormatException(b.remaining() + " trailing bytes");
      }
      return new Frame(type, fitId, stageId, stageAttempt, worker, taskAttempt, seq, clock, flags, lossSum,
          lossWeight, examples, List.copyOf(vectors));
    } catch (BufferUnderflowException e) {
      throw new FrameFormatException("truncated frame of " + bytes.length + " bytes");
    }
  }

  private WeightVector readVector(ByteBuffer b) {
    byte kind = b.get();
    int length = b.getInt();
    if (length != modelSize) {
      throw new FrameFormatException("vector length " + length + " but the model has " + modelSize);
    }
    if (kind == DENSE) {
      requireRemaining(b, 8L * length);
      double[] values = new double[length];
      b.asDoubleBuffer().get(values);
      b.position(b.position() + 8 * length);
      return WeightVector.dense(values);
    }
    if (kind != SPARSE) {
      throw new FrameFormatException("unknown vector kind " + kind);
    }
    int nnz = b.getInt();
    if (nnz < 0 || nnz > length) {
      throw new FrameFormatException("sparse count " + nnz + " outside 0.." + length);
    }
    requireRemaining(b, 12L * nnz);
    int[] indices = new int[nnz];
    int previous = -1;
    for (int k = 0; k < nnz; k++) {
      int idx = b.getInt();
      if (idx <= previous || idx >= length) {
        throw new FrameFormatException("sparse index " + idx + " out of order or outside 0.." + (length - 1));
      }
      indices[k] = idx;
      previous = idx;
    }
    double[] values = new double[nnz];
    b.asDoubleBuffer().get(values);
    b.position(b.position() + 8 * nnz);
    return new WeightVector(length, indices, values);
  }

  private static void requireRemaining(ByteBuffer b, long needed) {
    if (b.remaining() < needed) {
      throw new FrameFormatException("truncated: need " + needed + " bytes, have " + b.remaining());
    }
  }
}
