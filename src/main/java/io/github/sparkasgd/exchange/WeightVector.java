package io.github.sparkasgd.exchange;

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
    int nnz = 0;
    for (double x : v) {
      if (x != 0.0) {
        nnz++;
      }
    }
    if (nnz >= SPARSE_BELOW * v.length) {
      return dense(v.clone());
    }
    int[] idx = new int[nnz];
    double[] val = new double[nnz];
    int k = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0.0) {
        idx[k] = i;
        val[k++] = v[i];
      }
    }
    return new WeightVector(v.length, idx, val);
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
