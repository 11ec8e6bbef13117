package io.github.sparkasgd.data;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The compact byte form of a {@link Block}: a short header, then the arrays as they are in memory
 * (little-endian), so a block costs on disk what it costs on the heap. Decoding trusts nothing: every
 * size is checked against the bytes actually there before anything is allocated, and the CSR
 * structure, feature indices and weights are validated, so a truncated or corrupted block is rejected
 * with an {@link IllegalArgumentException} saying what is wrong instead of becoming a wrong model.
 * Feature values and labels may be non-finite: a block built with scales from data holding a bad
 * row carries them to the driver, which then reports that row.
 * Stateless; safe from any thread.
 */
public final class BlockCodec {
  static final int MAGIC = 0x53474442; // "SGDB"
  static final byte VERSION = 2;
  private static final byte DENSE = 0;
  private static final byte SPARSE = 1;
  private static final int HEADER = 4 + 1 + 1 + 1 + 1 + 4 + 4;

  private BlockCodec() {}

  public static byte[] encode(Block block) {
    boolean single = block.precision() == ValuePrecision.FLOAT32;
    long bytes = HEADER + columnBytes(block.labels()) + columnBytes(block.weights());
    long values = block.storedValues();
    if (block instanceof SparseBlock s) {
      bytes += 1 + 4 + 4L * (block.numRows() + 1) + (s.narrowIndices() != null ? 2L : 4L) * values;
    }
    bytes += (single ? 4L : 8L) * values;
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).put(VERSION).put(block.isSparse() ? SPARSE : DENSE).put((byte) (single ? 0 : 1))
        .put((byte) (block.isScaled() ? 1 : 0));
    out.putInt(block.numFeatures()).putInt(block.numRows());
    putColumn(out, block.labels());
    putColumn(out, block.weights());
    if (block instanceof SparseBlock s) {
      boolean narrow = s.narrowIndices() != null;
      out.put((byte) (narrow ? 2 : 4));
      out.putInt((int) s.storedValues());
      out.asIntBuffer().put(s.indptr());
      out.position(out.position() + 4 * s.indptr().length);
      if (narrow) {
        out.asCharBuffer().put(s.narrowIndices());
        out.position(out.position() + 2 * s.narrowIndices().length);
      } else {
        out.asIntBuffer().put(s.wideIndices());
        out.position(out.position() + 4 * s.wideIndices().length);
      }
    }
    putValues(out, block.floats, block.doubles);
    return out.array();
  }

  /**
   * @throws IllegalArgumentException when {@code bytes} is not a whole, valid encoded block
   */
  public static Block decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try {
      boolean scaled = bytes.length > 7 && bytes[7] == 1;
      Block block = read(in);
      if (scaled) {
        block.markScaled();
      }
      if (in.hasRemaining()) {
        throw corrupt(in.remaining() + " bytes follow the block's end");
      }
      return block;
    } catch (BufferUnderflowException e) {
      throw corrupt("it ends early (" + bytes.length + " bytes)");
    }
  }

  private static Block read(ByteBuffer in) {
    if (in.remaining() < HEADER || in.getInt() != MAGIC) {
      throw corrupt("no block header");
    }
    byte version = in.get();
    if (version != VERSION) {
      throw corrupt("unknown format version " + version);
    }
    byte kind = in.get();
    byte precision = in.get();
    byte scaled = in.get();
    if ((kind != DENSE && kind != SPARSE) || (precision != 0 && precision != 1) || (scaled != 0 && scaled != 1)) {
      throw corrupt("unknown block kind " + kind + ", precision " + precision + " or scaling flag " + scaled);
    }
    boolean single = precision == 0;
    int numFeatures = in.getInt();
    int numRows = in.getInt();
    if (numFeatures < 0 || numRows < 0) {
      throw corrupt("negative size: " + numRows + " rows of " + numFeatures + " features");
    }
    ScalarColumn labels = readColumn(in, numRows, "label", false);
    ScalarColumn weights = readColumn(in, numRows, "weight", true);
    if (kind == DENSE) {
      long cells = (long) numRows * numFeatures;
      require(in, cells, single ? 4 : 8, "dense values");
      float[] f = single ? readFloats(in, (int) cells) : null;
      double[] d = single ? null : readDoubles(in, (int) cells);
      return new DenseBlock(numFeatures, f, d, labels, weights);
    }
    byte indexWidth = in.get();
    int nnz = in.getInt();
    if ((indexWidth != 2 && indexWidth != 4) || nnz < 0) {
      throw corrupt("index width " + indexWidth + ", nonzero count " + nnz);
    }
    if (indexWidth == 2 && numFeatures > SparseBlock.NARROW_INDEX_LIMIT) {
      throw corrupt("16-bit indices for " + numFeatures + " features");
    }
    require(in, numRows + 1L, 4, "row pointers");
    int[] indptr = readInts(in, numRows + 1);
    require(in, nnz, indexWidth, "indices");
    int[] indices = indexWidth == 4 ? readInts(in, nnz) : null;
    char[] narrow = indexWidth == 2 ? readChars(in, nnz) : null;
    require(in, nnz, single ? 4 : 8, "sparse values");
    float[] f = single ? readFloats(in, nnz) : null;
    double[] d = single ? null : readDoubles(in, nnz);
    checkCsr(indptr, indices, narrow, numFeatures, nnz);
    return new SparseBlock(numFeatures, indptr, indices, narrow, f, d, labels, weights);
  }

  private static void checkCsr(int[] indptr, int[] indices, char[] narrow, int numFeatures, int nnz) {
    if (indptr[0] != 0 || indptr[indptr.length - 1] != nnz) {
      throw corrupt("row pointers do not span the " + nnz + " nonzeros");
    }
    for (int i = 0; i + 1 < indptr.length; i++) {
      if (indptr[i + 1] < indptr[i]) {
        throw corrupt("row pointers decrease at row " + i);
      }
      int previous = -1;
      for (int k = indptr[i]; k < indptr[i + 1]; k++) {
        int j = indices != null ? indices[k] : narrow[k];
        if (j <= previous || j >= numFeatures) {
          throw corrupt("row " + i + " has feature index " + j + " out of order or outside 0.." + (numFeatures - 1));
        }
        previous = j;
      }
    }
  }

  private static long columnBytes(ScalarColumn c) {
    return 1 + (c.kind() == 0 ? 8 : c.byteSize());
  }

  private static void putColumn(ByteBuffer out, ScalarColumn c) {
    out.put((byte) c.kind());
    if (c.kind() == 0) {
      out.putDouble(c.constantValue());
    } else if (c.kind() == 3) {
      out.put(c.bytes());
    } else if (c.kind() == 1) {
      out.asFloatBuffer().put(c.floats());
      out.position(out.position() + 4 * c.size());
    } else {
      out.asDoubleBuffer().put(c.doubles());
      out.position(out.position() + 8 * c.size());
    }
  }

  private static ScalarColumn readColumn(ByteBuffer in, int numRows, String what, boolean weight) {
    byte kind = in.get();
    ScalarColumn c;
    if (kind == 0) {
      c = ScalarColumn.constant(numRows, in.getDouble());
    } else if (kind == 1) {
      require(in, numRows, 4, what + "s");
      c = ScalarColumn.ofFloats(readFloats(in, numRows));
    } else if (kind == 2) {
      require(in, numRows, 8, what + "s");
      c = ScalarColumn.ofDoubles(readDoubles(in, numRows));
    } else if (kind == 3) {
      require(in, numRows, 1, what + "s");
      byte[] b = new byte[numRows];
      in.get(b);
      for (byte v : b) {
        if (v < 0) {
          throw corrupt(what + " " + v + " in a column of whole numbers 0..127");
        }
      }
      c = ScalarColumn.ofBytes(b);
    } else {
      throw corrupt("unknown " + what + " column kind " + kind);
    }
    for (int i = 0; weight && i < numRows; i++) {
      double v = c.get(i);
      if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
        throw corrupt(what + " of row " + i + " is " + v);
      }
      if (kind == 0) {
        break;
      }
    }
    return c;
  }

  private static void putValues(ByteBuffer out, float[] f, double[] d) {
    if (f != null) {
      out.asFloatBuffer().put(f);
      out.position(out.position() + 4 * f.length);
    } else {
      out.asDoubleBuffer().put(d);
      out.position(out.position() + 8 * d.length);
    }
  }

  /** Refuses to allocate for {@code count} elements unless their bytes are really there. */
  private static void require(ByteBuffer in, long count, int width, String what) {
    if (count > in.remaining() / width) {
      throw corrupt(what + " claim " + count + " x " + width + " bytes but " + in.remaining() + " remain");
    }
  }

  private static int[] readInts(ByteBuffer in, int n) {
    int[] a = new int[n];
    in.asIntBuffer().get(a);
    in.position(in.position() + 4 * n);
    return a;
  }

  private static char[] readChars(ByteBuffer in, int n) {
    char[] a = new char[n];
    in.asCharBuffer().get(a);
    in.position(in.position() + 2 * n);
    return a;
  }

  private static float[] readFloats(ByteBuffer in, int n) {
    float[] a = new float[n];
    in.asFloatBuffer().get(a);
    in.position(in.position() + 4 * n);
    return a;
  }

  private static double[] readDoubles(ByteBuffer in, int n) {
    double[] a = new double[n];
    in.asDoubleBuffer().get(a);
    in.position(in.position() + 8 * n);
    return a;
  }

  private static IllegalArgumentException corrupt(String why) {
    return new IllegalArgumentException("Corrupt serialized block: " + why);
  }
}
