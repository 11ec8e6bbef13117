package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Async fits with compressed pushes and replies, in local[2], against the same fit uncompressed. */
class CompressedExchangeTest {
  private static final int FEATURES = 200;
  private static final MulticlassClassificationEvaluator ACCURACY =
      new MulticlassClassificationEvaluator().setMetricName("accuracy");
  private static Dataset<Row> data;
  private static double plainAccuracy;
  private static ExchangeStats plainStats;

  @BeforeAll
  static void data() {
    data = TestData.randomBinary(FEATURES);
    SGDClassificationModel plain = fit("none").fit(data);
    plainAccuracy = ACCURACY.evaluate(plain.transform(data));
    plainStats = plain.summary().exchangeStats();
  }

  private static SGDClassifier fit(String compression) {
    return new SGDClassifier().setSolver("async").setCompression(compression).setCompressionLevels(16)
        .setCompressionFraction(0.05).setCompressionThreshold(0.01).setStepSize(0.05).setMaxIter(10).setTol(0)
        .setSyncInterval(300);
  }

  private static double bytesPerPush(ExchangeStats s) {
    return (double) (s.bytesFromWorkers() + s.bytesToWorkers()) / s.pushes();
  }

  @ParameterizedTest
  @ValueSource(strings = {"qsgd", "topk", "threshold"})
  void compressedFitsConvergeWithFewerBytes(String compression) {
    SGDClassificationModel m = fit(compression).fit(data);
    double acc = ACCURACY.evaluate(m.transform(data));
    ExchangeStats stats = m.summary().exchangeStats();
    assertEquals(plainAccuracy, acc, 0.015, compression + " accuracy " + acc + " vs uncompressed " + plainAccuracy);
    assertTrue(bytesPerPush(stats) < 0.6 * bytesPerPush(plainStats), compression + ": " + bytesPerPush(stats)
        + " bytes per push against " + bytesPerPush(plainStats) + " uncompressed; " + stats);
    System.out.println(compression + ": accuracy " + acc + " vs " + plainAccuracy + ", " + bytesPerPush(stats) + " bytes/push vs " + bytesPerPush(plainStats) + "; " + stats);
    assertTrue(stats.compressionRatio() > 1.5, stats.toString());
    assertTrue(stats.uncompressedBytesFromWorkers() > stats.bytesFromWorkers(), stats.toString());
    assertTrue(stats.uncompressedBytesToWorkers() > stats.bytesToWorkers(), stats.toString());
  }

  @Test
  void uncompressedStatsReportARatioOfOne() {
    assertEquals(1.0, plainStats.compressionRatio(), 0.0);
    assertEquals(plainStats.bytesFromWorkers(), plainStats.uncompressedBytesFromWorkers());
  }

  @Test
  void compressionOutsideDeltaIsRefusedNamingBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fit("topk").setExchange("asgd").fit(data));
    assertTrue(e.getMessage().contains("compression=topk") && e.getMessage().contains("exchange=asgd"),
        e.getMessage());
  }
}
