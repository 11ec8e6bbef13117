package io.github.sparkasgd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small datasets drawn from known linear models. */
public final class TestData {
  public static final StructType SCHEMA = new StructType()
      .add("features", SQLDataTypes.VectorType(), true)
      .add("label", DataTypes.DoubleType, true);

  private TestData() {}

  /** Fails unless {@code actual} is within {@code relTol} of {@code expected} in relative Euclidean norm. */
  public static void assertClose(double[] expected, double[] actual, double relTol, String what) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < expected.length; i++) {
      diff += (expected[i] - actual[i]) * (expected[i] - actual[i]);
      norm += expected[i] * expected[i];
    }
    double rel = Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-12);
    org.junit.jupiter.api.Assertions.assertTrue(rel < relTol, what + ": relative difference " + rel
        + "\nexpected " + java.util.Arrays.toString(expected) + "\nactual   " + java.util.Arrays.toString(actual));
  }

  public static Dataset<Row> frame(List<Row> rows, int partitions) {
    return SparkTestSession.get().createDataFrame(rows, SCHEMA).repartition(partitions).cache();
  }

  /**
   * The compression tests' binary problem: 8,000 rows over {@code features} features whose
   * coefficients are drawn at random (overall scale 3), in 2 partitions.
   */
  public static Dataset<Row> randomBinary(int features) {
    Random r = new Random(5);
    double[][] w = new double[2][features];
    for (int j = 0; j < features; j++) {
      w[0][j] = r.nextGaussian() / Math.sqrt(features) * 3;
    }
    return frame(classification(51, 8000, w, new double[] {0.5, 0}, 0.5), 2);
  }

  public static double[] gaussian(Random r, int d) {
    double[] x = new double[d];
    for (int j = 0; j < d; j++) {
      x[j] = r.nextGaussian();
    }
    return x;
  }

  /**
   * Rows whose label is the argmax of {@code W x + b} plus Gumbel noise of scale {@code noise}, i.e.
   * drawn from a softmax model with coefficients {@code W / noise}; noise 0 gives separable data.
   * {@code coefficients} has one row per class (binary data: pass 2 rows).
   */
  public static List<Row> classification(long seed, int n, double[][] coefficients, double[] intercepts,
      double noise) {
    Random r = new Random(seed);
    int k = coefficients.length;
    int d = coefficients[0].length;
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = gaussian(r, d);
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double s = intercepts[c];
        for (int j = 0; j < d; j++) {
          s += coefficients[c][j] * x[j];
        }
        s += noise * -Math.log(-Math.log(r.nextDouble()));
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      rows.add(RowFactory.create(Vectors.dense(x), (double) best));
    }
    return rows;
  }

  /** Rows {@code y = w.x + b + N(0, noise^2)}, with {@code sparsity} of each x's entries zeroed. */
  public static List<Row> regression(long seed, int n, double[] w, double b, double noise, double sparsity) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = gaussian(r, w.length);
      double y = b;
      for (int j = 0; j < w.length; j++) {
        if (r.nextDouble() < sparsity) {
          x[j] = 0.0;
        }
        y += w[j] * x[j];
      }
      y += noise * r.nextGaussian();
      Vector v = sparsity > 0 ? Vectors.dense(x).toSparse() : Vectors.dense(x);
      rows.add(RowFactory.create(v, y));
    }
    return rows;
  }
}
