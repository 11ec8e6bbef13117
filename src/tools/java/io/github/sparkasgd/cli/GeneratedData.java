package io.github.sparkasgd.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Deterministic synthetic data generated on the executors: Gaussian features, labels from a hidden
 * linear model (softmax classes with Gumbel noise, or a linear response with Gaussian noise).
 */
final class GeneratedData {
  static final StructType SCHEMA = new StructType()
      .add("label", DataTypes.DoubleType, false)
      .add("features", SQLDataTypes.VectorType(), false);

  private GeneratedData() {}

  /** {@code classes = 0} generates regression data. */
  static Dataset<Row> generate(SparkSession spark, long rows, int features, int classes, int partitions, long seed) {
    int outputs = Math.max(classes, 1);
    double[] model = new double[outputs * (features + 1)];
    SplittableRandom modelRandom = new SplittableRandom(seed);
    for (int i = 0; i < model.length; i++) {
      model[i] = modelRandom.nextDouble(-1, 1) * 3 / Math.sqrt(features);
    }
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(p);
    }
    JavaRDD<Row> data = new JavaSparkContext(spark.sparkContext()).parallelize(parts, partitions)
        .flatMap(p -> {
          long from = rows * p / partitions;
          long to = rows * (p + 1) / partitions;
          SplittableRandom r = new SplittableRandom(seed * 31 + p);
          List<Row> out = new ArrayList<>();
          for (long i = from; i < to; i++) {
            double[] x = new double[features];
            for (int j = 0; j < features; j++) {
              x[j] = r.nextGaussian();
            }
            out.add(RowFactory.create(label(model, x, classes, r), Vectors.dense(x)));
          }
          return out.iterator();
        });
    return spark.createDataFrame(data, SCHEMA);
  }

  private static double label(double[] model, double[] x, int classes, SplittableRandom r) {
    int d = x.length;
    int outputs = Math.max(classes, 1);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < outputs; k++) {
      double s = model[outputs * d + k];
      for (int j = 0; j < d; j++) {
        s += model[k * d + j] * x[j];
      }
      if (classes == 0) {
        return s + 0.1 * r.nextGaussian();
      }
      s -= Math.log(-Math.log(r.nextDouble()));
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    }
    return best;
  }
}
