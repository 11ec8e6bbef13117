package io.github.sparkasgd.data;

import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a partition of {@code (features, label, weight)} rows once into a {@link Block}, validating
 * every value. It reads Spark SQL's internal rows, the only class that does: building a
 * {@code Row} and a {@code SparseVector} per row (whose constructor boxes every index on Scala 2.12)
 * cost more than half of the block building time. Rows are gathered as CSR; the block is stored
 * dense when at least {@link #DENSE_FILL} of its cells are nonzero, since dense rows then cost less
 * memory and vectorise better than indexed ones.
 *
 * <p>Rows are stored in a random order, seeded per partition: SGD then visits runs of consecutive
 * stored rows (which the memory system streams) and is still fed rows in random order, whatever
 * order the input had (sorted by label, say).
 */
public final class BlockBuilder {
  static final double DENSE_FILL = 0.3;

  private final InputSpec spec;
  private final FeatureScaling scaling;
  private final int partition;
  private final GrowableArrays.Ints indptr = new GrowableArrays.Ints();
  private final GrowableArrays.Ints indices = new GrowableArrays.Ints();
  private final GrowableArrays.Doubles values = new GrowableArrays.Doubles();
  private final GrowableArrays.Doubles labels = new GrowableArrays.Doubles();
  private final GrowableArrays.Doubles weights = new GrowableArrays.Doubles();
  private final BlockStats stats = new BlockStats();

  /** @param partition the input partition's index; with the spec's seed it fixes the stored row order */
  public BlockBuilder(InputSpec spec, int partition) {
    this(spec, FeatureScaling.identity(), partition);
  }

  /** @param scaling applied to every stored feature value and label, after validation */
  public BlockBuilder(InputSpec spec, FeatureScaling scaling, int partition) {
    this.spec = spec;
    this.scaling = scaling;
    this.partition = partition;
    indptr.add(0);
  }

  /**
   * Builds and caches one block per partition of {@code rows}, which holds the columns
   * (features vector, label double, weight double).
   */
  public static JavaRDD<BuiltPartition> buildAll(Dataset<Row> rows, InputSpec spec, FeatureScaling scaling) {
    return rows.queryExecution().toRdd().toJavaRDD()
        .mapPartitionsWithIndex((p, it) -> List.of(new BlockBuilder(spec, scaling, p).build(it)).iterator(), false)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Reads rows until the input ends or the first invalid row (recorded in the stats). */
  public BuiltPartition build(Iterator<InternalRow> rows) {
    long rowIndex = 0;
    while (rows.hasNext()) {
      String problem = add(rows.next(), rowIndex);
      if (problem != null) {
        return new BuiltPartition(null, stats);
      }
      rowIndex++;
    }
    return new BuiltPartition(finish(), stats);
  }

  /** Appends one row; returns non-null (and records the bad row) when the row is invalid. */
  private String add(InternalRow row, long rowIndex) {
    if (row.isNullAt(0)) {
      return fail(spec.featuresCol(), rowIndex, "features are null");
    }
    InternalRow vector = row.getStruct(0, VectorStruct.FIELDS);
    int size = VectorStruct.size(vector);
    if (size < 0) {
      return fail(spec.featuresCol(), rowIndex, "malformed vector value");
    }
    if (scaling.scalesFeatures() && size != scaling.numFeatures()) {
      return fail(spec.featuresCol(), rowIndex,
          "vector has size " + size + " but earlier rows have size " + scaling.numFeatures());
    }
    if (stats.numFeatures < 0) {
      stats.numFeatures = size;
    } else if (size != stats.numFeatures) {
      return fail(spec.featuresCol(), rowIndex,
          "vector has size " + size + " but earlier rows have size " + stats.numFeatures);
    }
    String featureProblem = vector.getByte(0) == VectorStruct.SPARSE ? appendSparse(vector, size) : appendDense(vector);
    if (featureProblem != null) {
      return fail(spec.featuresCol(), rowIndex, featureProblem);
    }
    if (row.isNullAt(1)) {
      return fail(spec.labelCol(), rowIndex, "label is null");
    }
    double label = row.getDouble(1);
    String labelProblem = checkLabel(label);
    if (labelProblem != null) {
      return fail(spec.labelCol(), rowIndex, labelProblem);
    }
    if (row.isNullAt(2)) {
      return fail(spec.weightCol(), rowIndex, "weight is null");
    }
    double weight = row.getDouble(2);
    if (!Double.isFinite(weight) || weight < 0) {
      return fail(spec.weightCol(), rowIndex, "weight must be finite and non-negative but is " + weight);
    }
    labels.add(scaling.label(label));
    weights.add(weight);
    indptr.add(indices.size());
    stats.numRows++;
    stats.weightSum += weight;
    stats.weightedLabelSum += weight * label;
    stats.maxLabel = Math.max(stats.maxLabel, label);
    if (spec.classification()) {
      stats.addClassWeight((int) label, weight);
    }
    return null;
  }

  private String appendDense(InternalRow vector) {
    double[] vals = vector.getArray(3).toDoubleArray(); // one bulk copy beats a virtual call per element
    String problem = checkFinite(null, vals);
    if (problem != null) {
      return problem;
    }
    if (scaling.centers()) { // a centred zero is not zero: every cell is stored
      for (int j = 0; j < vals.length; j++) {
        indices.add(j);
        values.add(scaling.feature(j, vals[j]));
      }
      return null;
    }
    for (int j = 0; j < vals.length; j++) {
      double v = scaling.feature(j, vals[j]);
      if (v != 0.0) {
        indices.add(j);
        values.add(v);
      }
    }
    return null;
  }

  /** Copies a sparse vector, checking what {@code SparseVector}'s constructor would: increasing, in-range indices. */
  private String appendSparse(InternalRow vector, int size) {
    int[] idx = vector.getArray(2).toIntArray();
    int previous = -1;
    for (int j : idx) {
      if (j <= previous || j >= size) {
        return "feature index " + j + " is out of order or outside 0.." + (size - 1);
      }
      previous = j;
    }
    double[] vals = vector.getArray(3).toDoubleArray();
    String problem = checkFinite(idx, vals);
    if (problem != null) {
      return problem;
    }
    if (scaling.centers()) {
      appendCentred(idx, vals, size);
      return null;
    }
    if (!scaling.scalesFeatures()) {
      indices.addAll(idx);
      values.addAll(vals);
      return null;
    }
    for (int k = 0; k < idx.length; k++) {
      double v = scaling.feature(idx[k], vals[k]);
      if (v != 0.0) {
        indices.add(idx[k]);
        values.add(v);
      }
    }
    return null;
  }

  /** A sparse row in data centred as a whole (mostly dense): every cell, the absent ones shifted too. */
  private void appendCentred(int[] idx, double[] vals, int size) {
    int k = 0;
    for (int j = 0; j < size; j++) {
      double x = k < idx.length && idx[k] == j ? vals[k++] : 0.0;
      indices.add(j);
      values.add(scaling.feature(j, x));
    }
  }

  /** @param idx the values' feature indices, or null when {@code vals} is dense */
  private static String checkFinite(int[] idx, double[] vals) {
    double probe = 0.0;
    for (double v : vals) {
      probe += v - v; // stays 0 unless some v is NaN or infinite; a branch-free pass the JIT vectorizes
    }
    if (probe == 0.0) {
      return null;
    }
    for (int k = 0; k < vals.length; k++) {
      if (!Double.isFinite(vals[k])) {
        return "feature " + (idx == null ? k : idx[k]) + " is " + vals[k] + " (features must be finite)";
      }
    }
    return null;
  }

  private String checkLabel(double label) {
    if (!Double.isFinite(label)) {
      return "label is " + label + " (labels must be finite)";
    }
    if (!spec.classification()) {
      return null;
    }
    if (label < 0 || label != Math.rint(label)) {
      return "label " + label + " is not a class index (a whole number >= 0)";
    }
    if (spec.numClasses() > 0 && label >= spec.numClasses()) {
      return "label " + label + " is outside 0.." + (spec.numClasses() - 1)
          + " declared by the column's metadata";
    }
    if (label >= InputSpec.MAX_CLASSES) {
      return "label " + label + " exceeds the supported number of classes " + InputSpec.MAX_CLASSES;
    }
    return null;
  }

  private String fail(String column, long rowIndex, String problem) {
    stats.badRow = new BadRow(column, rowIndex, problem);
    return problem;
  }

  private Block finish() {
    int n = labels.size();
    int d = Math.max(stats.numFeatures, 0);
    int nnz = indices.size();
    int[] order = storedOrder(n);
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = labels.get(order[i]);
      w[i] = weights.get(order[i]);
    }
    if (n > 0 && d > 0 && (scaling.centers() || nnz >= DENSE_FILL * n * (double) d)) {
      double[] dense = new double[Math.multiplyExact(n, d)];
      for (int i = 0; i < n; i++) {
        int base = i * d;
        for (int k = indptr.get(order[i]); k < indptr.get(order[i] + 1); k++) {
          dense[base + indices.get(k)] = values.get(k);
        }
      }
      stats.storedValues = (long) n * d;
      return new DenseBlock(d, dense, y, w);
    }
    stats.storedValues = nnz;
    int[] ptr = new int[n + 1];
    int[] idx = new int[nnz];
    double[] val = new double[nnz];
    for (int i = 0; i < n; i++) {
      int from = indptr.get(order[i]);
      int length = indptr.get(order[i] + 1) - from;
      indices.copyTo(from, idx, ptr[i], length);
      values.copyTo(from, val, ptr[i], length);
      ptr[i + 1] = ptr[i] + length;
    }
    return new SparseBlock(d, ptr, idx, val, y, w);
  }

  /** A seeded random permutation of 0..n-1: stored row i is input row order[i]. */
  private int[] storedOrder(int n) {
    int[] order = Permutations.identity(n);
    Permutations.shuffle(order, new SplittableRandom(spec.seed() + 0x9E3779B97F4A7C15L * (partition + 1L)));
    return order;
  }
}
