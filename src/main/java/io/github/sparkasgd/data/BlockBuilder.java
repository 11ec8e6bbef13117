package io.github.sparkasgd.data;

import java.util.Iterator;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Reads a partition of {@code (features, label, weight)} rows once into a {@link Block}, validating
 * every value. Rows are gathered as CSR; the block is stored dense when at least
 * {@link #DENSE_FILL} of its cells are nonzero, since dense rows then cost less memory and
 * vectorise better than indexed ones.
 */
public final class BlockBuilder {
  static final double DENSE_FILL = 0.3;

  private final InputSpec spec;
  private final GrowableArrays.Ints indptr = new GrowableArrays.Ints();
  private final GrowableArrays.Ints indices = new GrowableArrays.Ints();
  private final GrowableArrays.Doubles values = new GrowableArrays.Doubles();
  private final GrowableArrays.Doubles labels = new GrowableArrays.Doubles();
  private final GrowableArrays.Doubles weights = new GrowableArrays.Doubles();
  private final BlockStats stats = new BlockStats();

  public BlockBuilder(InputSpec spec) {
    this.spec = spec;
    indptr.add(0);
  }

  /** Reads rows until the input ends or the first invalid row (recorded in the stats). */
  public BuiltPartition build(Iterator<Row> rows) {
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
  private String add(Row row, long rowIndex) {
    Object f = row.get(0);
    if (!(f instanceof Vector)) {
      return fail(spec.featuresCol(), rowIndex, "features are null");
    }
    Vector v = (Vector) f;
    if (stats.numFeatures < 0) {
      stats.numFeatures = v.size();
    } else if (v.size() != stats.numFeatures) {
      return fail(spec.featuresCol(), rowIndex,
          "vector has size " + v.size() + " but earlier rows have size " + stats.numFeatures);
    }
    String featureProblem = appendFeatures(v);
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
    labels.add(label);
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

  private String appendFeatures(Vector v) {
    int start = values.size();
    if (v instanceof DenseVector dv) {
      double[] vals = dv.values();
      for (int j = 0; j < vals.length; j++) {
        if (vals[j] != 0.0) { // NaN and infinities pass this test and are caught below
          indices.add(j);
          values.add(vals[j]);
        }
      }
    } else {
      // Sparse input is copied whole; its explicitly stored zeros, if any, are kept (harmless).
      SparseVector sv = (SparseVector) v;
      indices.addAll(sv.indices());
      values.addAll(sv.values());
    }
    for (int k = start; k < values.size(); k++) {
      if (!Double.isFinite(values.get(k))) {
        return "feature " + indices.get(k) + " is " + values.get(k) + " (features must be finite)";
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
    double[] y = labels.toArray();
    double[] w = weights.toArray();
    if (n > 0 && d > 0 && nnz >= DENSE_FILL * n * (double) d) {
      double[] dense = new double[Math.multiplyExact(n, d)];
      for (int i = 0; i < n; i++) {
        int base = i * d;
        for (int k = indptr.get(i); k < indptr.get(i + 1); k++) {
          dense[base + indices.get(k)] = values.get(k);
        }
      }
      return new DenseBlock(d, dense, y, w);
    }
    return new SparseBlock(d, indptr.toArray(), indices.toArray(), values.toArray(), y, w);
  }
}
