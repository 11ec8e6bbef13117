package io.github.sparkasgd.exchange;

import java.util.Arrays;

/**
 * A model-sized vector on the wire: dense ({@code indices == null}, {@code values.length == length})
 * or sparse (strictly increasing {@code indices} below {@code length}, one value each). Its
 * {@link Encoding} says how the frame writes it; the values are always the ones the receiver decodes,
 * so a sender that keeps what it did not send (error feedback) keeps it exactly.
 */
public record WeightVector(int length, int[] indices, double[] values, Encoding encoding) {

  public WeightVector(int length, int[] indices, double[] values) {
    this(length, indices, values, Encoding.PLAIN);
  }

  /**
   * How a vector travels: {@link #PLAIN} (float64, dense or sparse with int indices), {@link #SPARSE32}
   * (gap-coded indices, float32 values: every value is a float) or QSGD ({@link #qsgd}: gap-coded
   * indices, sign and level bit-packed, one norm; every value is {@code norm * level / levels}).
   */
  public record Encoding(int kind, int levels, double norm) implements java.io.Serializable {
    public static final int PLAIN_KIND = 0;
    public static final int SPARSE32_KIND = 1;
    public static final int QSGD_KIND = 2;
    public static final Encoding PLAIN = new Encoding(PLAIN_KIND, 0, 0.0);
    public static final Encoding SPARSE32 = new Encoding(SPARSE32_KIND, 0, 0.0);

    public static Encoding qsgd(int levels, double norm) {
      return new Encoding(QSGD_KIND, levels, norm);
    }

    /** The value of a QSGD level: the one expression both the quantizer and the decoder use. */
    public static double qsgdValue(double norm, int level, int levels, boolean negative) {
      double v = norm * level / levels;
      return negative ? -v : v;
    }
  }

  /** Dense when more than this fraction of the coordinates is sent: 12 bytes per entry beats 8 per slot. */
  static final double SPARSE_BELOW = 2.0 / 3.0;

  public static WeightVector dense(double[] values) {
    return new WeightVector(values.length, null, values);
  }

  public boolean isSparse() {
    return indices != null;
  }

  public int storedEntries() {
    return values.length;
  }

  /** The vector of the coordinates where {@code v} is nonzero, sparse or dense, whichever is smaller. */
  public static WeightVector compact(double[] v) {
    int[] idx = new int[v.length];
    double[] val = new double[v.length];
    int count = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0.0) {
        idx[count] = i;
        val[count++] = v[i];
      }
    }
    return of(v.length, idx, val, count);
  }

  /**
   * The first {@code count} (index, value) pairs of the buffers, increasing indices, as a new sparse
   * vector, or dense (zeros elsewhere) when that is smaller on the wire. The buffers are not kept.
   */
  public static WeightVector of(int length, int[] indices, double[] values, int count) {
    if (count >= SPARSE_BELOW * length) {
      double[] dense = new double[length];
      for (int k = 0; k < count; k++) {
        dense[indices[k]] = values[k];
      }
      return dense(dense);
    }
    return new WeightVector(length, Arrays.copyOf(indices, count), Arrays.copyOf(values, count));
  }

  /** {@code target += scale * this}. */
  public void addTo(double[] target, double scale) {
    if (indices == null) {
      for (int i = 0; i < length; i++) {
        target[i] += scale * values[i];
      }
    } else {
      for (int k = 0; k < indices.length; k++) {
        target[indices[k]] += scale * values[k];
      }
    }
  }

  /** Overwrites the carried coordinates of {@code target}. */
  public void copyInto(double[] target) {
    if (indices == null) {
      System.arraycopy(values, 0, target, 0, length);
    } else {
      for (int k = 0; k < indices.length; k++) {
        target[indices[k]] = values[k];
      }
    }
  }

  public double[] toDense() {
    double[] out = new double[length];
    copyInto(out);
    return out;
  }
}
