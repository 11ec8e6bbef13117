package io.github.sparkasgd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.clustering.SGDKMeans;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code minibatch} with compressed gradients, in local[2], against the same fit uncompressed. */
class MiniBatchCompressionTest {
  private static final int FEATURES = 200;
  private static final MulticlassClassificationEvaluator LOG_LOSS =
      new MulticlassClassificationEvaluator().setMetricName("logLoss");
  private static Dataset<Row> data;
  private static double plainLogLoss;
  private static ExchangeStats plainStats;

  @BeforeAll
  static void data() {
    data = TestData.randomBinary(FEATURES);
    SGDClassificationModel plain = fit("none").fit(data);
    plainLogLoss = LOG_LOSS.evaluate(plain.transform(data));
    plainStats = plain.summary().exchangeStats();
  }

  private static SGDClassifier fit(String compression) {
    return new SGDClassifier().setSolver("minibatch").setCompression(compression).setCompressionLevels(16)
        .setCompressionFraction(0.02).setCompressionThreshold(0.01).setMiniBatchSize(500).setStepSize(0.5)
        .setMaxIter(8).setTol(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"qsgd", "topk", "threshold"})
  void compressedGradientsConvergeNearTheUncompressedFitWithFewerBytes(String compression) {
    List<Integer> entriesDuringFit = new ArrayList<>();
    SGDClassificationModel m = fit(compression)
        .setProgressListener((solver, iteration, objective, seconds) -> entriesDuringFit.add(ResidualStore.size()))
        .fit(data);
    double logLoss = LOG_LOSS.evaluate(m.transform(data));
    ExchangeStats stats = m.summary().exchangeStats();
    System.out.println(compression + ": log-loss " + logLoss + " vs " + plainLogLoss + "; " + stats);
    // Measured (seeded, so reproducible): qsgd 0.2700, topk 0.2553, threshold 0.2719 against 0.2704;
    // topk without error feedback 0.4730.
    assertEquals(plainLogLoss, logLoss, 0.02, compression + " log-loss " + logLoss + " vs uncompressed " + plainLogLoss);
    assertEquals(plainStats.pushes(), stats.pushes(), "one message per partition and step");
    assertTrue(stats.bytesFromWorkers() < 0.5 * plainStats.bytesFromWorkers(), stats + " against " + plainStats);
    assertEquals(plainStats.bytesToWorkers(), stats.bytesToWorkers(), "the weights are broadcast uncompressed");
    assertEquals(plainStats.bytesFromWorkers(), stats.uncompressedBytesFromWorkers());
    assertTrue(stats.compressionRatio() > 1.5, stats.toString());
    // Residuals exist while top-k and threshold fits run (one per partition), none for QSGD, none after any.
    int expected = compression.equals("qsgd") ? 0 : 2;
    assertTrue(entriesDuringFit.stream().allMatch(n -> n == expected), entriesDuringFit.toString());
    assertEquals(0, ResidualStore.size());
  }

  @Test
  void uncompressedStatsCountDenseSumsAndBroadcasts() {
    int rounds = 8 * 16; // 8 epochs of ceil(8000 / 500) steps
    long coordinates = FEATURES + 1;
    assertEquals(2L * rounds, plainStats.pushes());
    assertEquals(2L * rounds * 8 * (coordinates + 3), plainStats.bytesFromWorkers());
    assertEquals(2L * rounds * 8 * coordinates, plainStats.bytesToWorkers());
    assertEquals(1.0, plainStats.compressionRatio(), 0.0);
  }

  @Test
  void aFailedFitReleasesItsResiduals() {
    List<Integer> entriesDuringFit = new ArrayList<>();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> fit("topk")
        .setProgressListener((solver, iteration, objective, seconds) -> {
          entriesDuringFit.add(ResidualStore.size());
          if (iteration == 2) {
            throw new IllegalStateException("injected failure after epoch 2");
          }
        }).fit(data));
    assertTrue(e.getMessage().contains("injected"), e.getMessage());
    assertEquals(List.of(2, 2), entriesDuringFit);
    assertEquals(0, ResidualStore.size());
  }

  @Test
  void qsgdFitsAreReproducible() {
    SGDClassifier qsgd = fit("qsgd").setMaxIter(2);
    assertArrayEquals(qsgd.fit(data).coefficients().toArray(), qsgd.fit(data).coefficients().toArray(), 0.0);
  }

  @Test
  void solversWithoutCompressionRefuseIt() {
    IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
        () -> fit("topk").setSolver("batch").fit(data));
    assertTrue(batch.getMessage().contains("compression=topk") && batch.getMessage().contains("solver=batch"),
        batch.getMessage());
    Dataset<Row> points = data.select("features");
    IllegalArgumentException kmeans = assertThrows(IllegalArgumentException.class,
        () -> new SGDKMeans().setK(2).setSolver("minibatch").setCompression("qsgd").fit(points));
    assertTrue(kmeans.getMessage().contains("compression=qsgd"), kmeans.getMessage());
  }
}
