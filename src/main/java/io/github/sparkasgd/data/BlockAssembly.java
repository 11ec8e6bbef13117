package io.github.sparkasgd.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a group of staged buckets into one finished {@link Block}, rows in a uniformly random order.
 * The builder deals each row into a random bucket and this shuffles within the group, which together
 * is a uniform permutation of the partition (a sort by random key), while only one group is ever
 * copied at a time.
 */
final class BlockAssembly {
  private final int numFeatures;
  private final ValuePrecision precision;
  private final ValuePrecision denseOutPrecision;
  private final boolean denseOut;

  /**
   * @param precision how the rows were staged, and how sparse blocks store them
   * @param denseOutPrecision how dense blocks store them (double where float rows would be slow)
   */
  BlockAssembly(int numFeatures, ValuePrecision precision, ValuePrecision denseOutPrecision, boolean denseOut) {
    this.numFeatures = numFeatures;
    this.precision = precision;
    this.denseOutPrecision = denseOutPrecision;
    this.denseOut = denseOut;
  }

  /** Bytes the finished block of {@code rows} will take (to size groups). */
  long finishedBytes(StagedRows rows) {
    int width = (denseOut ? denseOutPrecision : precision) == ValuePrecision.FLOAT32 ? 4 : 8;
    // Dense staging into a sparse block: an upper bound, zeros are dropped.
    long cells = denseOut ? (long) rows.numRows() * numFeatures : rows.numValues();
    int indexWidth = numFeatures <= SparseBlock.NARROW_INDEX_LIMIT ? 2 : 4;
    return cells * (denseOut ? width : width + indexWidth) + 12L * rows.numRows();
  }

  /** Assembles the group; the staged rows can be dropped afterwards. */
  Block assemble(List<StagedRows> group, SplittableRandom random) {
    int m = 0;
    long staged = 0;
    for (StagedRows r : group) {
      m += r.numRows();
      staged += r.numValues();
    }
    boolean denseIn = group.get(0).dense;
    int values = Math.toIntExact(staged);
    double[] labels = new double[m];
    double[] weights = new double[m];
    Object flat = newValues(precision, values);
    int[] starts = denseIn ? null : new int[m + 1];
    int[] indices = denseIn ? null : new int[values];
    int row = 0;
    int at = 0;
    for (StagedRows r : group) {
      r.labels.copyTo(labels, row);
      r.weights.copyTo(weights, row);
      r.values.copyTo(flat, at);
      if (!denseIn) {
        r.lengths.copyTo(starts, row + 1);
        r.indices.copyTo(indices, at);
      }
      row += r.numRows();
      at += (int) r.numValues();
      r.release();
    }
    if (!denseIn) {
      for (int i = 0; i < m; i++) {
        starts[i + 1] += starts[i];
      }
    }
    int[] order = Permutations.identity(m);
    Permutations.shuffle(order, random);
    double[] y = new double[m];
    double[] w = new double[m];
    for (int i = 0; i < m; i++) {
      y[i] = labels[order[i]];
      w[i] = weights[order[i]];
    }
    ScalarColumn ly = ScalarColumn.of(y);
    ScalarColumn lw = ScalarColumn.of(w);
    return denseOut ? dense(order, flat, starts, indices, ly, lw) : sparse(order, flat, starts, indices, ly, lw);
  }

  private Block dense(int[] order, Object flat, int[] starts, int[] indices, ScalarColumn y, ScalarColumn w) {
    int d = numFeatures;
    Object out = newValues(denseOutPrecision, Math.multiplyExact(order.length, d));
    boolean sameType = precision == denseOutPrecision;
    for (int i = 0; i < order.length; i++) {
      int src = order[i];
      if (starts == null && sameType) {
        System.arraycopy(flat, src * d, out, i * d, d);
      } else if (starts == null) {
        for (int j = 0; j < d; j++) {
          copyValue(flat, src * d + j, out, i * d + j);
        }
      } else {
        for (int k = starts[src]; k < starts[src + 1]; k++) {
          copyValue(flat, k, out, i * d + indices[k]);
        }
      }
    }
    return new DenseBlock(d, out instanceof float[] f ? f : null, out instanceof double[] a ? a : null, y, w);
  }

  private Block sparse(int[] order, Object flat, int[] starts, int[] indices, ScalarColumn y, ScalarColumn w) {
    int d = numFeatures;
    int m = order.length;
    int[] indptr = new int[m + 1];
    for (int i = 0; i < m; i++) {
      int src = order[i];
      int length = starts != null ? starts[src + 1] - starts[src] : nonzerosOfDenseRow(flat, src * d, d);
      indptr[i + 1] = indptr[i] + length;
    }
    int nnz = indptr[m];
    int[] outIndices = new int[nnz];
    Object out = newValues(precision, nnz);
    for (int i = 0; i < m; i++) {
      int src = order[i];
      if (starts != null) {
        int length = starts[src + 1] - starts[src];
        System.arraycopy(indices, starts[src], outIndices, indptr[i], length);
        System.arraycopy(flat, starts[src], out, indptr[i], length);
      } else {
        int k = indptr[i];
        for (int j = 0; j < d; j++) {
          if (valueAt(flat, src * d + j) != 0.0) {
            outIndices[k] = j;
            copyValue(flat, src * d + j, out, k++);
          }
        }
      }
    }
    char[] narrow = null;
    if (d <= SparseBlock.NARROW_INDEX_LIMIT) {
      narrow = new char[nnz];
      for (int k = 0; k < nnz; k++) {
        narrow[k] = (char) outIndices[k];
      }
      outIndices = null;
    }
    return new SparseBlock(d, indptr, outIndices, narrow, out instanceof float[] f ? f : null,
        out instanceof double[] a ? a : null, y, w);
  }

  private static int nonzerosOfDenseRow(Object flat, int from, int d) {
    int n = 0;
    for (int j = 0; j < d; j++) {
      n += valueAt(flat, from + j) != 0.0 ? 1 : 0;
    }
    return n;
  }

  private static Object newValues(ValuePrecision p, int n) {
    return p == ValuePrecision.FLOAT32 ? new float[n] : new double[n];
  }

  private static double valueAt(Object values, int i) {
    return values instanceof float[] f ? f[i] : ((double[]) values)[i];
  }

  private static void copyValue(Object from, int i, Object to, int j) {
    if (to instanceof float[] f) {
      f[j] = (float) valueAt(from, i);
    } else {
      ((double[]) to)[j] = valueAt(from, i);
    }
  }
}
