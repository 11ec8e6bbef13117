package io.github.sparkasgd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gossip on four workers in two executor JVMs (a ring 0-1-2-3-0, so at least two of its edges cross
 * executors) with {@code spark.authenticate} and network encryption on: parameters travel between the
 * executors' block managers, not through the driver's endpoint.
 */
class GossipOnClusterIT {
  private static final int FEATURES = 100;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalCluster.start("spark-asgd gossip with authentication", Map.of(
        "spark.authenticate", "true",
        "spark.authenticate.secret", "gossip secret",
        "spark.network.crypto.enabled", "true",
        "spark.io.encryption.enabled", "true"), 2);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aRingOfFourWorkersAcrossExecutorsTrainsThroughTheBlockManager() {
    Random r = new Random(3);
    double[][] w = new double[2][FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      w[1][j] = r.nextGaussian() * 0.3;
    }
    Dataset<Row> df = spark.createDataFrame(TestData.classification(62, 8000, w, new double[] {0, 0.2}, 0.5),
        TestData.SCHEMA).repartition(4).cache();
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
    double reference = accuracy.evaluate(new SGDClassifier().setSolver("batch").setStepSize(1.0)
        .setStepSchedule("constant").setMaxIter(100).fit(df).transform(df));
    SGDClassificationModel m = new SGDClassifier().setExchange("gossip").setNumWorkers(4).setStepSize(0.05)
        .setMaxIter(6).setTol(0).setSyncInterval(300).fit(df);
    assertEquals(reference, accuracy.evaluate(m.transform(df)), 0.015);
    ExchangeStats stats = m.summary().exchangeStats();
    long stateBytes = 8L * (FEATURES + 1);
    assertTrue(stats.bytesBetweenWorkers() >= 2 * stateBytes, "neighbours' blocks came from the other executor: "
        + stats);
    assertTrue(stats.driverBytesPerExchange() < stateBytes, "no parameters through the endpoint: " + stats);
    assertTrue(stats.spreadHistory().length >= 3, stats.toString());
    assertEquals(0, stats.rejectedMessages());
  }

  @Test
  void aDisconnectedGraphIsRejectedBeforeTraining() {
    Dataset<Row> df = spark.createDataFrame(TestData.classification(63, 400,
        new double[][] {{0, 0}, {1, -1}}, new double[] {0, 0}, 0.5), TestData.SCHEMA).repartition(4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGDClassifier()
        .setExchange("gossip").setNumWorkers(4).setGossipGraph("0-1,2-3").fit(df));
    assertTrue(e.getMessage().contains("not connected"), e.getMessage());
  }
}
