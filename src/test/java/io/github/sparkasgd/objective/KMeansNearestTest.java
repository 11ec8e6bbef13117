package io.github.sparkasgd.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.DenseBlock;
import io.github.sparkasgd.data.InputSpec;
import io.github.sparkasgd.data.SparseBlock;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.data.ValuePrecision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Every way {@link KMeansObjective} finds a row's nearest centre (an SGD step's direct distances, a
 * pass's fixed norms with the feature-major copy for dense rows, the sparse dots) agrees with a brute
 * force over the row's values in double arithmetic: same centre, same squared distance.
 */
class KMeansNearestTest {
  private static final int ROWS = 300;

  @Test
  void doubleDenseRows() {
    int d = 7;
    double[][] x = rows(ROWS, d, 0.0, 1);
    check(new DenseBlock(d, flatten(x), new double[ROWS], ones(ROWS)), x, 13, 2);
  }

  @Test
  void sparseRows() {
    int d = 9;
    double[][] x = rows(ROWS, d, 0.6, 3);
    check(sparse(x, d), x, 11, 4);
  }

  @Test
  void floatDenseRowsBuiltBySpark() {
    int d = 5;
    double[][] x = rows(ROWS, d, 0.0, 5);
    List<Row> data = new ArrayList<>();
    for (double[] row : x) {
      data.add(RowFactory.create(Vectors.dense(row)));
    }
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), true);
    InputSpec spec = InputSpec.unlabelled("features", "", 0, 1, false, ValuePrecision.FLOAT32);
    try (TrainingData built = TrainingData.build(SparkTestSession.get().createDataFrame(data, schema).coalesce(1),
        spec)) {
      Block block = built.blocks().collect().get(0);
      // The block's rows are shuffled: compare against its own (float) values, read back.
      double[][] stored = new double[block.numRows()][d];
      for (int r = 0; r < block.numRows(); r++) {
        for (int f = 0; f < d; f++) {
          double[] unit = new double[d];
          unit[f] = 1.0;
          stored[r][f] = block.dot(r, unit, 0);
        }
      }
      check(block, stored, 12, 6);
    }
  }

  @Test
  void denseRowsOfAModelTooWideToCopy() {
    int k = 3;
    int d = KMeansObjective.TRANSPOSED_MAX_VALUES / k + 1;
    double[][] x = rows(2, d, 0.0, 7);
    check(new DenseBlock(d, flatten(x), new double[2], ones(2)), x, k, 8);
  }

  private static void check(Block block, double[][] x, int k, long seed) {
    int d = x[0].length;
    KMeansObjective objective = new KMeansObjective(k, d);
    SplittableRandom r = new SplittableRandom(seed);
    double[] centres = new double[k * d];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = r.nextGaussian();
    }
    double[] w = objective.initialWeights(centres);
    KMeansScratch moving = (KMeansScratch) objective.newScratch();
    KMeansScratch fixed = (KMeansScratch) objective.newScratch();
    objective.fixCentres(w, fixed);
    double cost = 0.0;
    for (int row = 0; row < block.numRows(); row++) {
      int expected = 0;
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double s = 0.0;
        for (int f = 0; f < d; f++) {
          double diff = x[row][f] - centres[j * d + f];
          s += diff * diff;
        }
        if (s < best) {
          best = s;
          expected = j;
        }
      }
      cost += best;
      double tolerance = 1e-9 * (1.0 + best);
      assertEquals(expected, objective.nearest(block, row, w, moving), "moving centres, row " + row);
      assertEquals(best, moving.distance, tolerance, "moving centres' distance, row " + row);
      assertEquals(expected, objective.nearestFixed(block, row, w, fixed), "fixed centres, row " + row);
      assertEquals(best, fixed.distance, tolerance, "fixed centres' distance, row " + row);
    }
    assertEquals(cost, objective.weightedLoss(block, 0, block.numRows(), w, objective.newScratch()),
        1e-9 * cost, "a pass's cost");
  }

  private static double[][] rows(int n, int d, double zeroFraction, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int f = 0; f < d; f++) {
        row[f] = r.nextDouble() < zeroFraction ? 0.0 : r.nextGaussian();
      }
    }
    return x;
  }

  private static double[] flatten(double[][] x) {
    int d = x[0].length;
    double[] out = new double[x.length * d];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, out, i * d, d);
    }
    return out;
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  private static SparseBlock sparse(double[][] x, int d) {
    int[] indptr = new int[x.length + 1];
    List<Integer> indices = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      for (int f = 0; f < d; f++) {
        if (x[i][f] != 0.0) {
          indices.add(f);
          values.add(x[i][f]);
        }
      }
      indptr[i + 1] = indices.size();
    }
    return new SparseBlock(d, indptr, indices.stream().mapToInt(Integer::intValue).toArray(),
        values.stream().mapToDouble(Double::doubleValue).toArray(), new double[x.length], ones(x.length));
  }
}
