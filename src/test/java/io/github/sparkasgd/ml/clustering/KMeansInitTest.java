package io.github.sparkasgd.ml.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.InputSpec;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.data.ValuePrecision;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pieces of k-means|| seeding: the one-pass weighted sample and the candidates' reduction. */
class KMeansInitTest {
  /** Rows whose one feature is their weight: 0, 1, 2, 3, 4. */
  private static Block block;

  @BeforeAll
  static void data() {
    List<Row> rows = new ArrayList<>();
    for (int v = 0; v <= 4; v++) {
      rows.add(RowFactory.create(Vectors.dense(v), (double) v));
    }
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), true)
        .add("w", DataTypes.DoubleType, false);
    InputSpec spec = InputSpec.unlabelled("features", "w", 0, 1, false, ValuePrecision.FLOAT64);
    try (TrainingData data = TrainingData.build(SparkTestSession.get().createDataFrame(rows, schema).coalesce(1), spec)) {
      block = data.sample().get(0);
    }
  }

  /** Offers the rows whose weight is in [lo, hi] to a fresh sample of {@code capacity}. */
  private static WeightedSample offered(int capacity, double lo, double hi, SplittableRandom random) {
    WeightedSample sample = new WeightedSample(capacity, 1);
    for (int row = 0; row < block.numRows(); row++) {
      double v = block.weight(row);
      if (v >= lo && v <= hi) {
        sample.offer(block, row, v, random);
      }
    }
    return sample;
  }

  @Test
  void mergedPartitionSamplesDrawEachRowInProportionToItsWeight() {
    int trials = 20000;
    int[] drawn = new int[5];
    for (int t = 0; t < trials; t++) {
      SplittableRandom random = new SplittableRandom(t);
      WeightedSample first = offered(1, 0, 2, random.split());
      WeightedSample second = offered(1, 3, 4, random.split());
      double[][] rows = first.merge(second).rows();
      assertEquals(1, rows.length);
      drawn[(int) rows[0][0]]++;
    }
    assertEquals(0, drawn[0], "a row of weight 0 was drawn");
    for (int v = 1; v <= 4; v++) {
      double p = v / 10.0;
      double sigma = Math.sqrt(trials * p * (1 - p));
      assertEquals(trials * p, drawn[v], 5 * sigma, "row of weight " + v);
    }
  }

  @Test
  void aSampleWithoutReplacementHoldsDistinctRowsFirstDrawnFirst() {
    // Drawing 2 of weights 1..4 without replacement: the first is row v with probability v/10.
    int trials = 20000;
    int[] first = new int[5];
    for (int t = 0; t < trials; t++) {
      double[][] rows = offered(2, 0, 4, new SplittableRandom(t)).rows();
      assertEquals(2, rows.length);
      assertTrue(rows[0][0] != rows[1][0] && rows[0][0] > 0 && rows[1][0] > 0);
      first[(int) rows[0][0]]++;
    }
    for (int v = 1; v <= 4; v++) {
      double p = v / 10.0;
      assertEquals(trials * p, first[v], 5 * Math.sqrt(trials * p * (1 - p)), "first drawn of weight " + v);
    }
  }

  @Test
  void aReductionToMoreCentresThanWeightedPointsKeepsThoseAndNeverAWeightlessOne() {
    double[][] points = {{0, 0}, {1, 1}, {5, -5}, {9, 9}};
    double[] weights = {2, 0, 1, 3};
    for (long seed = 0; seed < 20; seed++) {
      double[][] centres = WeightedKMeansPlusPlus.reduce(points, weights, 6, new SplittableRandom(seed));
      assertEquals(3, centres.length);
      for (double[] c : centres) {
        assertTrue(c[0] != 1.0, "the weightless point became a centre");
      }
    }
  }

  @Test
  void aUniformSampleWeighsTheCandidatesInProportionToTheirRows() {
    // Rows 0..4 (weights 0..4) offered 4,000 times each at rate 0.1: about 400 copies of each are kept.
    // Centre {0} is nearest to rows 0, 1, 2 (2 ties, the first wins), centre {4} to rows 3, 4, so their
    // weights are about 400 * (0 + 1 + 2) = 1,200 and 400 * (3 + 4) = 2,800.
    SplittableRandom random = new SplittableRandom(5);
    UniformSample sample = new UniformSample(0.1, 1, random);
    for (int pass = 0; pass < 4000; pass++) {
      for (int row = 0; row < block.numRows(); row++) {
        sample.offer(block, row, random);
      }
    }
    UniformSample other = new UniformSample(0.1, 1, random);
    for (int row = 0; row < block.numRows(); row++) {
      other.offer(block, row, random);
    }
    int kept = sample.size() + other.size();
    assertEquals(2000.5, kept, 5 * Math.sqrt(20005 * 0.1 * 0.9), "rows kept at rate 0.1");
    double[] weights = sample.merge(other).nearestWeights(new double[][] {{0}, {4}});
    assertEquals(kept, sample.size());
    assertEquals(1200, weights[0], 5 * Math.sqrt(20000 * 0.1 * 0.9) * 2, "weight nearest to {0}");
    assertEquals(2800, weights[1], 5 * Math.sqrt(20000 * 0.1 * 0.9) * 4, "weight nearest to {4}");
  }

  @Test
  void candidatesWeighedOnASampleStillSeedOneCentrePerCluster() {
    // 36,000 rows: the 49 candidates of k = 12 are weighed on about 4,900 of them (rate 0.14).
    int k = 12;
    double[][] centres = KMeansTestData.centres(105, k, 10);
    org.apache.spark.sql.Dataset<Row> tight = KMeansTestData.mixture(107, centres, 3000, 0.3, 2).cache();
    assertTrue(KMeansInit.weighingRows(1 + 2 * 2 * k, 10) < tight.count() / 5);
    for (long seed = 1; seed <= 4; seed++) {
      org.apache.spark.ml.linalg.Vector[] initial = new SGDKMeans().setK(k).setSeed(seed).setSolver("batch")
          .setMaxIter(0).fit(tight).clusterCenters();
      assertEquals(k, initial.length);
      double error = KMeansTestData.worstCentreError(centres, initial);
      assertTrue(error < 1.0, "seed " + seed + ": a true centre is " + error + " from every initial one");
    }
    tight.unpersist();
  }
}
