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
 * kind 1: int nnz, nnz ints (strictly increasing, &lt; length), nnz doubles;
 * kind 2: int nnz, nnz gaps, nnz floats;
 * kind 3: int levels | double norm | int nnz, nnz gaps, nnz x (sign bit, level in bits(levels) bits) packed
 * from the high bit of each byte, zero-padded to a byte)
 * </pre>
 * A gap is {@code index - previous index - 1} (the first: the index) as an unsigned LEB128 varint,
 * so indices are strictly increasing by construction. Version 1 frames carry kinds 0 and 1 only;
 * a frame with a compressed vector (kinds 2 and 3) is version 2, so an uncompressed exchange's frames
 * are what they were before compression existed.
 */
public final class FrameCodec {
  static final int MAGIC = 0x53414744;
  static final byte VERSION = 1;
  static final byte COMPRESSED_VERSION = 2;
  static final int HEADER_BYTES = 4 + 1 + 1 + 8 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + 8 + 8 + 4;
  private static final byte DENSE = 0;
  private static final byte SPARSE = 1;
  private static final byte SPARSE32 = 2;
  private static final byte QSGD = 3;
  /** Most QSGD levels a frame may declare: 2^16 already quantizes finer than float32 rounds. */
  public static final int MAX_QSGD_LEVELS = 1 << 16;
  /** A compressed vector's fixed fields beyond a dense one's: levels, norm, count. */
  private static final int COMPRESSED_OVERHEAD = 4 + 8 + 4;

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
    return HEADER_BYTES + (long) maxVectors * (1 + 4 + COMPRESSED_OVERHEAD + 8L * modelSize);
  }

  /** The bytes {@code v} takes in a frame, kind and length included. */
  public static long encodedBytes(WeightVector v) {
    long body = switch (v.encoding().kind()) {
      case WeightVector.Encoding.SPARSE32_KIND -> 4 + gapBytes(v.indices()) + 4L * v.storedEntries();
      case WeightVector.Encoding.QSGD_KIND -> COMPRESSED_OVERHEAD + gapBytes(v.indices())
          + packedBytes(v.storedEntries(), v.encoding().levels());
      default -> v.isSparse() ? 4 + 12L * v.storedEntries() : 8L * v.length();
    };
    return 1 + 4 + body;
  }

  /** The bytes an uncompressed frame would take for a vector with {@code nonzeros} of {@code length} set. */
  public static long plainBytes(int length, int nonzeros) {
    return 1 + 4 + (nonzeros >= WeightVector.SPARSE_BELOW * length ? 8L * length : 4 + 12L * nonzeros);
  }

  private static long gapBytes(int[] indices) {
    long bytes = 0;
    int previous = -1;
    for (int i : indices) {
      bytes += varintBytes(i - previous - 1);
      previous = i;
    }
    return bytes;
  }

  private static int varintBytes(int value) {
    int bytes = 1;
    while ((value >>>= 7) != 0) {
      bytes++;
    }
    return bytes;
  }

  /** Bits for a level in 0..levels. */
  static int levelBits(int levels) {
    return 32 - Integer.numberOfLeadingZeros(levels);
  }

  private static long packedBytes(int count, int levels) {
    return ((long) count * (1 + levelBits(levels)) + 7) / 8;
  }

  public byte[] encode(Frame f) {
    long size = HEADER_BYTES;
    byte version = VERSION;
    for (WeightVector v : f.vectors()) {
      size += encodedBytes(v);
      if (v.encoding().kind() != WeightVector.Encoding.PLAIN_KIND) {
        version = COMPRESSED_VERSION;
      }
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("frame of " + size + " bytes is too large to send");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size);
    b.putInt(MAGIC).put(version).put((byte) f.type().code).putLong(f.fitId()).putInt(f.stageId())
        .putInt(f.stageAttempt())
        .putInt(f.worker()).putInt(f.taskAttempt()).putLong(f.seq()).putLong(f.clock()).putInt(f.flags())
        .putDouble(f.lossSum()).putDouble(f.lossWeight()).putLong(f.examples()).putInt(f.vectors().size());
    for (WeightVector v : f.vectors()) {
      int kind = v.encoding().kind();
      if (kind == WeightVector.Encoding.SPARSE32_KIND) {
        b.put(SPARSE32).putInt(v.length()).putInt(v.storedEntries());
        putGaps(b, v.indices());
        for (double x : v.values()) {
          b.putFloat((float) x);
        }
        continue;
      }
      if (kind == WeightVector.Encoding.QSGD_KIND) {
        putQsgd(b, v);
        continue;
      }
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

  private static void putGaps(ByteBuffer b, int[] indices) {
    int previous = -1;
    for (int i : indices) {
      int gap = i - previous - 1;
      while ((gap & ~0x7F) != 0) {
        b.put((byte) ((gap & 0x7F) | 0x80));
        gap >>>= 7;
      }
      b.put((byte) gap);
      previous = i;
    }
  }

  private static void putQsgd(ByteBuffer b, WeightVector v) {
    int levels = v.encoding().levels();
    double norm = v.encoding().norm();
    b.put(QSGD).putInt(v.length()).putInt(levels).putDouble(norm).putInt(v.storedEntries());
    putGaps(b, v.indices());
    int bits = 1 + levelBits(levels);
    long acc = 0;
    int held = 0;
    for (double x : v.values()) {
      long level = Math.round(Math.abs(x) * levels / norm);
      acc = (acc << bits) | (x < 0 ? 1L << (bits - 1) : 0) | level;
      held += bits;
      while (held >= 8) {
        held -= 8;
        b.put((byte) (acc >>> held));
      }
    }
    if (held > 0) {
      b.put((byte) (acc << (8 - held)));
    }
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
      if (version != VERSION && version != COMPRESSED_VERSION) {
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
        vectors.add(readVector(b, version));
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

  private WeightVector readVector(ByteBuffer b, byte version) {
    byte kind = b.get();
    int length = b.getInt();
    if (length != modelSize) {
      throw new FrameFormatException("vector length " + length + " but the model has " + modelSize);
    }
    if ((kind == SPARSE32 || kind == QSGD) && version < COMPRESSED_VERSION) {
      throw new FrameFormatException("vector kind " + kind + " in a version " + version + " frame");
    }
    if (kind == SPARSE32) {
      int[] indices = readGaps(b, length);
      requireRemaining(b, 4L * indices.length);
      double[] values = new double[indices.length];
      for (int k = 0; k < values.length; k++) {
        values[k] = b.getFloat();
      }
      return new WeightVector(length, indices, values, WeightVector.Encoding.SPARSE32);
    }
    if (kind == QSGD) {
      return readQsgd(b, length);
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

  /** A count, then that many gaps; the count is checked against the bytes left before allocating. */
  private static int[] readGaps(ByteBuffer b, int length) {
    int nnz = b.getInt();
    // Every gap takes at least one byte.
    if (nnz < 0 || nnz > length || nnz > b.remaining()) {
      throw new FrameFormatException("compressed count " + nnz + " outside 0.." + Math.min(length, b.remaining()));
    }
    int[] indices = new int[nnz];
    long previous = -1;
    for (int k = 0; k < nnz; k++) {
      long gap = 0;
      int shift = 0;
      int part;
      do {
        if (shift > 28) {
          throw new FrameFormatException("index gap longer than 5 bytes");
        }
        part = b.get();
        gap |= (long) (part & 0x7F) << shift;
        shift += 7;
      } while ((part & 0x80) != 0);
      long index = previous + 1 + gap;
      if (index >= length) {
        throw new FrameFormatException("compressed index " + index + " outside 0.." + (length - 1));
      }
      indices[k] = (int) index;
      previous = index;
    }
    return indices;
  }

  private static WeightVector readQsgd(ByteBuffer b, int length) {
    int levels = b.getInt();
    double norm = b.getDouble();
    if (levels < 1 || levels > MAX_QSGD_LEVELS || !(norm >= 0) || Double.isInfinite(norm)) {
      throw new FrameFormatException("qsgd levels " + levels + " (1.." + MAX_QSGD_LEVELS + ") or norm " + norm);
    }
    int[] indices = readGaps(b, length);
    requireRemaining(b, packedBytes(indices.length, levels));
    int bits = 1 + levelBits(levels);
    long mask = (1L << (bits - 1)) - 1;
    double[] values = new double[indices.length];
    long acc = 0;
    int held = 0;
    for (int k = 0; k < values.length; k++) {
      while (held < bits) {
        acc = (acc << 8) | (b.get() & 0xFF);
        held += 8;
      }
      held -= bits;
      long code = acc >>> held;
      acc &= (1L << held) - 1;
      int level = (int) (code & mask);
      if (level > levels) {
        throw new FrameFormatException("qsgd level " + level + " above " + levels);
      }
      values[k] = WeightVector.Encoding.qsgdValue(norm, level, levels, (code >>> (bits - 1)) != 0);
    }
    return new WeightVector(length, indices, values, WeightVector.Encoding.qsgd(levels, norm));
  }

  private static void requireRemaining(ByteBuffer b, long needed) {
    if (b.remaining() < needed) {
      throw new FrameFormatException("truncated: need " + needed + " bytes, have " + b.remaining());
    }
  }
}
