package io.github.sparkasgd.exchange;

import java.util.Arrays;

/**
 * A model-sized vector on the wire: dense ({@code indices == null}, {@code values.length == length})
 * or sparse (strictly increasing {@code indices} below {@code length}, one value each).
 */
public record WeightVector(int length, int[] indices, double[] values) {

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
