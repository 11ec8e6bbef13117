package io.github.sparkasgd.data;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Weighted first and second moments of every feature and of the label, of the input's values (before
 * scaling). The block builder sums them row by row while it reads the input (the rows are in cache
 * then: a pass of its own over the built blocks cost as much as half an epoch); a partition whose
 * moments would take too much memory to keep with its blocks gets them from one pass over the built
 * blocks instead. Variances are the weighted unbiased ones MLlib's {@code Summarizer} reports, so standardized
 * penalties mean what they mean in MLlib. Not thread-safe: one per task, merged on the way back.
 */
public final class ColumnMoments implements Serializable {
  private static final long serialVersionUID = 2L;

  private int numFeatures = -1;
  private double[] sum = new double[0];
  private double[] sumSquares = new double[0];
  private double[] nonzeroWeight = new double[0];
  private long rows;
  private long nonzeros;
  private double weightSum;
  private double weightSquareSum;
  private double labelSum;
  private double labelSquareSum;

  /** The moments of every row of {@code blocks}. */
  public static ColumnMoments of(JavaRDD<Block> blocks) {
    return blocks.mapPartitions(it -> {
      ColumnMoments m = new ColumnMoments();
      it.forEachRemaining(m::add);
      return List.of(m).iterator();
    }).treeReduce(ColumnMoments::merge);
  }

  static ColumnMoments of(List<Block> blocks) {
    ColumnMoments m = new ColumnMoments();
    blocks.forEach(m::add);
    return m;
  }

  /** Bytes the per-feature sums take. */
  long bytes() {
    return 24L * Math.max(0, numFeatures);
  }

  /** Starts the per-feature sums of a partition whose rows have {@code d} features. */
  void start(int d) {
    if (numFeatures < 0) {
      numFeatures = d;
      sum = new double[d];
      sumSquares = new double[d];
      nonzeroWeight = new double[d];
    }
  }

  /** A row's weight and label (its features go through {@link #addSparseRow} or {@link #addDenseRow}). */
  void addRow(double w, double y) {
    rows++;
    weightSum += w;
    weightSquareSum += w * w;
    labelSum += w * y;
    labelSquareSum += w * y * y;
  }

  /** Features {@code idx[k]} = {@code vals[k]} for k below n, zeros among them skipped. */
  void addSparseRow(int[] idx, double[] vals, int n, double w) {
    for (int k = 0; k < n; k++) {
      addValue(idx[k], vals[k], w);
    }
  }

  /** Every feature of a dense row, {@code vals[0 .. numFeatures)}. */
  void addDenseRow(double[] vals, double w) {
    for (int j = 0; j < numFeatures; j++) {
      addValue(j, vals[j], w);
    }
  }

  private void add(Block block) {
    if (block.numRows() == 0) {
      return;
    }
    if (numFeatures < 0) {
      numFeatures = block.numFeatures();
      sum = new double[numFeatures];
      sumSquares = new double[numFeatures];
      nonzeroWeight = new double[numFeatures];
    }
    int d = numFeatures;
    DenseBlock dense = null;
    if (block instanceof SparseBlock s) {
      addSparse(s);
    } else {
      dense = (DenseBlock) block;
    }
    for (int i = 0; i < block.numRows(); i++) {
      double w = block.weight(i);
      double y = block.label(i);
      if (dense != null) {
        for (int j = 0, at = i * d; j < d; j++, at++) {
          addValue(j, dense.value(at), w);
        }
      }
      rows++;
      weightSum += w;
      weightSquareSum += w * w;
      labelSum += w * y;
      labelSquareSum += w * y * y;
    }
  }

  /**
   * The features of a sparse block, with its storage form read once into locals: the JIT then
   * specialises the loop per form (read per value, the whole moments pass cost about as much CPU as
   * a training epoch).
   */
  private void addSparse(SparseBlock s) {
    char[] narrow = s.narrowIndices();
    int[] wide = s.wideIndices();
    float[] floats = s.floats;
    double[] doubles = s.doubles;
    long counted = 0;
    for (int i = 0; i < s.numRows(); i++) {
      double w = s.weight(i);
      for (int k = s.rowStart(i), end = s.rowEnd(i); k < end; k++) {
        int j = narrow != null ? narrow[k] : wide[k];
        double x = floats != null ? floats[k] : doubles[k];
        if (x != 0.0) {
          double wx = w * x;
          sum[j] += wx;
          sumSquares[j] += wx * x;
          nonzeroWeight[j] += w;
          counted++;
        }
      }
    }
    nonzeros += counted;
  }

  private void addValue(int j, double x, double w) {
    if (x != 0.0) {
      sum[j] += w * x;
      sumSquares[j] += w * x * x;
      nonzeroWeight[j] += w;
      nonzeros++;
    }
  }

  ColumnMoments merge(ColumnMoments o) {
    if (o.numFeatures < 0) {
      return this;
    }
    if (numFeatures < 0) {
      return o;
    }
    for (int j = 0; j < numFeatures; j++) {
      sum[j] += o.sum[j];
      sumSquares[j] += o.sumSquares[j];
      nonzeroWeight[j] += o.nonzeroWeight[j];
    }
    rows += o.rows;
    nonzeros += o.nonzeros;
    weightSum += o.weightSum;
    weightSquareSum += o.weightSquareSum;
    labelSum += o.labelSum;
    labelSquareSum += o.labelSquareSum;
    return this;
  }

  /**
   * The scaling {@code request} asks for, given these moments.
   *
   * @param allDense whether every block is dense: only then can features be centred (a centred
   *     zero is not zero, so every cell must be stored)
   */
  public FeatureScaling scaling(ScalingRequest request, boolean allDense) {
    if (!request.any() || numFeatures < 0 || !(weightSum > 0)) {
      return FeatureScaling.identity();
    }
    double[] scale = null;
    double[] shift = null;
    if (request.standardizeFeatures()) {
      boolean center = request.fitIntercept() && allDense
          && nonzeros >= BlockBuilder.DENSE_FILL * rows * (double) numFeatures;
      scale = new double[numFeatures];
      shift = center ? new double[numFeatures] : null;
      boolean byNonzeroRms = !center && !request.penalized();
      for (int j = 0; j < numFeatures; j++) {
        double sd = Math.sqrt(variance(sum[j], sumSquares[j]));
        scale[j] = sd > 0 ? 1.0 / sd : 0.0;
        if (byNonzeroRms && sd > 0) {
          scale[j] = 1.0 / Math.sqrt(sumSquares[j] / nonzeroWeight[j]);
        }
        if (center) {
          shift[j] = sum[j] / weightSum;
        }
      }
    }
    double labelShift = 0.0;
    double labelScale = 1.0;
    if (request.scaleLabel()) {
      double spread = request.fitIntercept() ? Math.sqrt(variance(labelSum, labelSquareSum))
          : Math.sqrt(labelSquareSum / weightSum);
      labelShift = request.fitIntercept() ? labelSum / weightSum : 0.0;
      labelScale = spread > 0 && Double.isFinite(spread) ? 1.0 / spread : 1.0;
    }
    return new FeatureScaling(scale, shift, labelShift, labelScale);
  }

  /** Weighted unbiased variance from weighted sums (0 for a single row or weightless data). */
  private double variance(double s, double squares) {
    double mean = s / weightSum;
    double denominator = weightSum - weightSquareSum / weightSum;
    if (!(denominator > 0)) {
      return 0.0;
    }
    return Math.max(0.0, (squares - weightSum * mean * mean) / denominator);
  }
}
