package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Gaussian mixtures with known centres, as unlabelled {@code features} frames. */
final class KMeansTestData {
  static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType(), true);

  private KMeansTestData() {}

  /** {@code k} centres drawn uniformly from {@code [-10, 10]^d}, at least 4 apart from each other. */
  static double[][] centres(long seed, int k, int d) {
    Random r = new Random(seed);
    double[][] c = new double[k][];
    for (int j = 0; j < k; j++) {
      do {
        c[j] = new double[d];
        for (int f = 0; f < d; f++) {
          c[j][f] = -10 + 20 * r.nextDouble();
        }
      } while (tooClose(c, j));
    }
    return c;
  }

  private static boolean tooClose(double[][] c, int j) {
    for (int i = 0; i < j; i++) {
      if (maxAbsDiff(c[i], c[j]) < 4.0) {
        return true;
      }
    }
    return false;
  }

  /** {@code perCentre} rows around each centre with noise of deviation {@code sigma} per feature. */
  static Dataset<Row> mixture(long seed, double[][] centres, int perCentre, double sigma, int partitions) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < perCentre; i++) {
      for (double[] c : centres) {
        double[] x = new double[c.length];
        for (int f = 0; f < c.length; f++) {
          x[f] = c[f] + sigma * r.nextGaussian();
        }
        rows.add(RowFactory.create(Vectors.dense(x)));
      }
    }
    return SparkTestSession.get().createDataFrame(rows, SCHEMA).repartition(partitions).cache();
  }

  static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int f = 0; f < a.length; f++) {
      m = Math.max(m, Math.abs(a[f] - b[f]));
    }
    return m;
  }

  /** For each true centre, the largest coordinate error of the nearest fitted one; the worst of these. */
  static double worstCentreError(double[][] truth, Vector[] fitted) {
    double worst = 0;
    for (double[] t : truth) {
      double best = Double.POSITIVE_INFINITY;
      for (Vector v : fitted) {
        best = Math.min(best, maxAbsDiff(t, v.toArray()));
      }
      worst = Math.max(worst, best);
    }
    return worst;
  }
}
