package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code exchange = "gossip"} through the estimator, on local[2]: two workers, whose ring is one edge. */
class GossipExchangeTest {
  private static Dataset<Row> binary;
  private static Dataset<Row> multiclass;

  @BeforeAll
  static void data() {
    Random r = new Random(5);
    double[][] w = new double[2][40];
    for (int j = 0; j < w[1].length; j++) {
      w[1][j] = r.nextGaussian() * 0.4;
    }
    binary = TestData.frame(TestData.classification(51, 6000, w, new double[] {0, -0.3}, 1.0), 2).cache();
    multiclass = TestData.frame(TestData.classification(41, 6000,
        new double[][] {{1, 0, -1, 0.5}, {0, 1.5, 0, -0.5}, {-1, -1, 1, 0}}, new double[] {0.2, 0, -0.2}, 1.0), 2);
  }

  private static double logLoss(Dataset<Row> predictions) {
    double sum = 0;
    long n = 0;
    for (Row row : predictions.select("label", "probability").collectAsList()) {
      sum -= Math.log(((Vector) row.get(1)).apply((int) row.getDouble(0)));
      n++;
    }
    return sum / n;
  }

  @Test
  void aGossipFitReachesMLlibsLogLoss() {
    double mllib = logLoss(new LogisticRegression().setMaxIter(50).fit(binary).transform(binary));
    SGDClassificationModel m = new SGDClassifier().setExchange("gossip").setMaxIter(20).setTol(0).fit(binary);
    double ours = logLoss(m.transform(binary));
    assertTrue(ours < 1.01 * mllib, "gossip log-loss " + ours + " vs MLlib " + mllib);
    ExchangeStats stats = m.summary().exchangeStats();
    assertTrue(stats.pushes() >= 4, stats.toString());
    assertEquals(0, stats.rejectedMessages());
  }

  /** Averaging with the neighbour keeps the workers together; apart they drift (the consensus distance). */
  @Test
  void gossipKeepsTheWorkersCloserThanTheSameFitWithoutExchange() {
    ExchangeStats gossip = spreadFit("gossip");
    ExchangeStats none = spreadFit("none");
    assertTrue(gossip.spreadHistory().length >= 5, "one consensus distance an epoch: " + gossip);
    assertTrue(gossip.meanSpread() < 0.8 * none.meanSpread(), "gossip " + gossip + " vs none " + none);
    assertTrue(gossip.finalSpread() < 0.5 * none.finalSpread(), "gossip " + gossip + " vs none " + none);
  }

  private static ExchangeStats spreadFit(String exchange) {
    return new SGDClassifier().setSolver("async").setExchange(exchange).setStepSize(0.05).setStaleness(2)
        .setStepSchedule("inverse").setMaxIter(10).setTol(0).setSyncInterval(100).fit(multiclass)
        .summary().exchangeStats();
  }

  /** Gossip's parameters do not pass through the driver's endpoint: only loss reports and, once an epoch, a state. */
  @Test
  void theDriverCarriesFarLessThanForTheParameterServer() {
    ExchangeStats gossip = bytesFit("gossip");
    ExchangeStats delta = bytesFit("delta");
    assertTrue(gossip.driverBytesPerExchange() < 0.5 * delta.driverBytesPerExchange(),
        "gossip " + gossip.driverBytesPerExchange() + " vs delta " + delta.driverBytesPerExchange() + " bytes");
  }

  private static ExchangeStats bytesFit(String exchange) {
    return new SGDClassifier().setExchange(exchange).setStepSize(0.05).setMaxIter(5).setTol(0).setSyncInterval(200)
        .fit(binary).summary().exchangeStats();
  }

  @Test
  void aGraphThatDoesNotFitTheWorkersIsRejectedBeforeTraining() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> new SGDClassifier().setExchange("gossip").setGossipGraph("0-1,1-2").fit(multiclass));
    assertTrue(unknown.getMessage().contains("names worker 2") && unknown.getMessage().contains("2 workers"),
        unknown.getMessage());
    IllegalArgumentException loop = assertThrows(IllegalArgumentException.class,
        () -> new SGDClassifier().setExchange("gossip").setGossipGraph("0-1,1-1").fit(multiclass));
    assertTrue(loop.getMessage().contains("self loop"), loop.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SGDClassifier().setGossipGraph("star"));
  }
}
