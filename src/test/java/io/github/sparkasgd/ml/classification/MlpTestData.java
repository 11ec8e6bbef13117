package io.github.sparkasgd.ml.classification;

import io.github.sparkasgd.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** XOR-like data no linear model separates: four Gaussian blobs at (+-1, +-1), the label the signs' product. */
final class MlpTestData {
  private MlpTestData() {}

  /**
   * {@code n} rows of {@code 2 + noise} features (the extra ones pure noise, so some are irrelevant),
   * in units far from 1 ({@code scale}) to show the internal standardization; sparse vectors if asked.
   */
  static Dataset<Row> xor(long seed, int n, int noise, double scale, boolean sparse, int partitions) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = r.nextBoolean() ? 1 : -1;
      double b = r.nextBoolean() ? 1 : -1;
      double[] x = new double[2 + noise];
      x[0] = scale * (a + 0.3 * r.nextGaussian());
      x[1] = scale * (b + 0.3 * r.nextGaussian());
      for (int j = 2; j < x.length; j++) {
        x[j] = r.nextDouble() < 0.5 ? 0.0 : r.nextGaussian();
      }
      Vector v = sparse ? Vectors.dense(x).toSparse() : Vectors.dense(x);
      rows.add(RowFactory.create(v, a * b > 0 ? 1.0 : 0.0));
    }
    return TestData.frame(rows, partitions);
  }

  static double accuracy(Dataset<Row> predictions) {
    return predictions.filter("prediction = label").count() / (double) predictions.count();
  }
}
