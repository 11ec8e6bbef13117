package io.github.sparkasgd.data;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Weighted first and second moments of every feature and of the label, from one pass over the
 * {@code (features, label, weight)} rows before the blocks are built, so that blocks can store scaled
 * values. The pass is lenient: it skips what the block builder will reject with a clear error (nulls,
 * malformed or wrongly sized vectors); non-finite values make moments non-finite, which is harmless
 * because the builder rejects their row. Variances are the weighted unbiased ones MLlib's
 * {@code Summarizer} reports, so standardized penalties mean what they mean in MLlib.
 */
public final class ColumnMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  private int numFeatures = -1;
  /** Index of the first partition with a valid row: the one whose size wins when sizes differ. */
  private int firstPartition = Integer.MAX_VALUE;
  private double[] sum = new double[0];
  private double[] sumSquares = new double[0];
  private double[] nonzeroWeight = new double[0];
  private long rows;
  private long nonzeros;
  private double weightSum;
  private double weightSquareSum;
  private double labelSum;
  private double labelSquareSum;

  /** Computes the moments of {@code rows} (features vector, label double, weight double). */
  public static ColumnMoments of(Dataset<Row> rows) {
    JavaRDD<ColumnMoments> parts = rows.queryExecution().toRdd().toJavaRDD()
        .mapPartitionsWithIndex((index, it) -> List.of(ColumnMoments.of(it, index)).iterator(), false);
    return parts.treeReduce(ColumnMoments::merge);
  }

  static ColumnMoments of(Iterator<InternalRow> it, int partition) {
    ColumnMoments m = new ColumnMoments();
    while (it.hasNext()) {
      m.add(it.next());
    }
    if (m.numFeatures >= 0) {
      m.firstPartition = partition;
    }
    return m;
  }

  private void add(InternalRow row) {
    if (row.isNullAt(0) || row.isNullAt(1) || row.isNullAt(2)) {
      return;
    }
    InternalRow vector = row.getStruct(0, VectorStruct.FIELDS);
    int size = VectorStruct.size(vector);
    if (size < 0 || (numFeatures >= 0 && size != numFeatures)) {
      return;
    }
    if (numFeatures < 0) {
      numFeatures = size;
      sum = new double[size];
      sumSquares = new double[size];
      nonzeroWeight = new double[size];
    }
    double w = row.getDouble(2);
    double y = row.getDouble(1);
    double[] vals = vector.getArray(3).toDoubleArray();
    if (vector.getByte(0) == VectorStruct.DENSE) {
      for (int j = 0; j < vals.length; j++) {
        double x = vals[j];
        if (x != 0.0) {
          sum[j] += w * x;
          sumSquares[j] += w * x * x;
          nonzeroWeight[j] += w;
          nonzeros++;
        }
      }
    } else {
      int[] idx = vector.getArray(2).toIntArray();
      for (int k = 0; k < idx.length; k++) {
        int j = idx[k];
        double x = vals[k];
        if (j >= 0 && j < size && x != 0.0) {
          sum[j] += w * x;
          sumSquares[j] += w * x * x;
          nonzeroWeight[j] += w;
          nonzeros++;
        }
      }
    }
    rows++;
    weightSum += w;
    weightSquareSum += w * w;
    labelSum += w * y;
    labelSquareSum += w * y * y;
  }

  ColumnMoments merge(ColumnMoments o) {
    if (o.numFeatures < 0) {
      return this;
    }
    if (numFeatures < 0) {
      return o;
    }
    if (o.numFeatures != numFeatures) {
      // The fit fails: the builder reports the first row whose size differs from the size in input
      // order, so keep that size whatever order the reduction merged partitions in.
      return o.firstPartition < firstPartition ? o : this;
    }
    for (int j = 0; j < numFeatures; j++) {
      sum[j] += o.sum[j];
      sumSquares[j] += o.sumSquares[j];
      nonzeroWeight[j] += o.nonzeroWeight[j];
    }
    firstPartition = Math.min(firstPartition, o.firstPartition);
    rows += o.rows;
    nonzeros += o.nonzeros;
    weightSum += o.weightSum;
    weightSquareSum += o.weightSquareSum;
    labelSum += o.labelSum;
    labelSquareSum += o.labelSquareSum;
    return this;
  }

  /** The scaling {@code request} asks for, given these moments. */
  public FeatureScaling scaling(ScalingRequest request) {
    if (!request.any() || numFeatures < 0 || !(weightSum > 0)) {
      return FeatureScaling.identity();
    }
    double[] scale = null;
    double[] shift = null;
    if (request.standardizeFeatures()) {
      boolean center = request.fitIntercept()
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
