package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.TestData;
import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.regression.SGDRegressionModel;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The async solver in local[2]: two barrier-mode workers exchanging through the driver endpoint. */
class AsyncSolverTest {
  private static Dataset<Row> multiclass;
  private static Dataset<Row> linear;
  private static final MulticlassClassificationEvaluator ACCURACY =
      new MulticlassClassificationEvaluator().setMetricName("accuracy");

  @BeforeAll
  static void data() {
    multiclass = TestData.frame(TestData.classification(41, 6000,
        new double[][] {{2, 0, -1, 0.5}, {0, 2, 0, -0.5}, {-2, -2, 1, 0}}, new double[] {0.3, 0, -0.3}, 1.0), 2);
    linear = TestData.frame(TestData.regression(42, 4000, new double[] {1, -2, 3, 0.5}, 0.7, 0.3, 0), 2);
  }

  private static SGDClassifier batch() {
    return new SGDClassifier().setSolver("batch").setStepSize(1.0).setStepSchedule("constant").setMaxIter(300);
  }

  @ParameterizedTest
  @ValueSource(strings = {"delta", "asgd"})
  void classifierReachesTheBatchSolversAccuracy(String exchange) {
    double reference = ACCURACY.evaluate(batch().fit(multiclass).transform(multiclass));
    SGDClassificationModel m = new SGDClassifier().setSolver("async").setExchange(exchange).setStepSize(0.05)
        .setStepSchedule("inverse").setMaxIter(10).setTol(0).setSyncInterval(300).fit(multiclass);
    double acc = ACCURACY.evaluate(m.transform(multiclass));
    assertEquals(reference, acc, 0.01, exchange + " accuracy " + acc + " vs batch " + reference);
    ExchangeStats stats = m.summary().exchangeStats();
    assertTrue(stats.pushes() >= 2, "every worker exchanged: " + stats);
    assertTrue(stats.bytesFromWorkers() > 0 && stats.bytesToWorkers() > 0, stats.toString());
    assertTrue(stats.meanRoundTripSeconds() > 0, stats.toString());
    assertEquals(stats.pushes(), Arrays.stream(stats.stalenessHistogram()).sum());
    assertEquals("async", m.summary().solver());
    assertTrue(m.summary().objectiveHistory().length >= 9, Arrays.toString(m.summary().objectiveHistory()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"delta", "asgd"})
  void regressorReachesTheBatchSolversError(String exchange) {
    RegressionEvaluator rmse = new RegressionEvaluator();
    double reference = rmse.evaluate(new SGDRegressor().setSolver("batch").setStepSize(0.5)
        .setStepSchedule("constant").setMaxIter(300).fit(linear).transform(linear));
    // The fit returns the workers' final iterates (averaged): decay the step so their noise is below the tolerance.
    SGDRegressionModel m = new SGDRegressor().setSolver("async").setExchange(exchange).setStepSize(0.05)
        .setStepSchedule("inverse").setMaxIter(15).setSyncInterval(200).fit(linear);
    double err = rmse.evaluate(m.transform(linear));
    assertEquals(reference, err, 0.05 * reference, exchange + " rmse " + err + " vs batch " + reference);
  }

  @ParameterizedTest
  @ValueSource(strings = {"delta", "asgd"})
  void aWorkerWithoutRowsLeavesTheModelAlone(String exchange) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<Row> rows = TestData.regression(43, 3000, new double[] {1, -2, 3, 0.5}, 0.7, 0.3, 0);
    Dataset<Row> oneEmpty = SparkTestSession.get().createDataFrame(
        jsc.parallelize(rows, 1).union(jsc.parallelize(List.<Row>of(), 1)), TestData.SCHEMA);
    SGDRegressionModel m = new SGDRegressor().setSolver("async").setExchange(exchange).setStepSize(0.05)
        .setStepSchedule("inverse").setMaxIter(15).setSyncInterval(200).fit(oneEmpty);
    // Averaged in, the empty worker's untrained state would halve every coefficient.
    double[] c = m.coefficients().toArray();
    double[] expected = {1, -2, 3, 0.5};
    for (int j = 0; j < c.length; j++) {
      assertEquals(expected[j], c[j], 0.05, exchange + " " + Arrays.toString(c));
    }
    assertEquals(0.7, m.intercept(), 0.05);
  }

  @Test
  void morePartitionsThanSlotsAreCoalescedIntoANormalStage() {
    // local[2] has two slots: the four blocks are coalesced to two workers, a chain Spark will not
    // run as a barrier stage.
    Dataset<Row> four = linear.repartition(4);
    SGDRegressionModel m = new SGDRegressor().setSolver("async").setStepSize(0.05).setStepSchedule("inverse")
        .setMaxIter(15).setSyncInterval(200).fit(four);
    double[] c = m.coefficients().toArray();
    double[] expected = {1, -2, 3, 0.5};
    for (int j = 0; j < c.length; j++) {
      assertEquals(expected[j], c[j], 0.05, Arrays.toString(c));
    }
    assertTrue(m.summary().exchangeStats().pushes() >= 2, m.summary().exchangeStats().toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void boundedStalenessAndStalenessAwareSteps(int staleness) {
    SGDClassificationModel m = new SGDClassifier().setSolver("async").setStaleness(staleness)
        .setStalenessAwareStep(true).setStepSize(0.05).setMaxIter(5).setSyncInterval(300).fit(multiclass);
    double acc = ACCURACY.evaluate(m.transform(multiclass));
    assertTrue(acc > 0.78, acc + " " + m.summary().exchangeStats() + " "
        + Arrays.toString(m.summary().objectiveHistory()));
    long[] histogram = m.summary().exchangeStats().stalenessHistogram();
    // delta staleness counts pushes applied since the worker's last reply: two workers, bounded clocks
    assertTrue(histogram.length <= 2 + staleness + 1, Arrays.toString(histogram));
  }

  @ParameterizedTest
  @ValueSource(strings = {"delta", "asgd"})
  void largeModelsTravelInChunks(String exchange) {
    double[][] w = new double[3][300];
    java.util.Random r = new java.util.Random(43);
    for (double[] row : w) {
      for (int j = 0; j < row.length; j++) {
        row[j] = r.nextGaussian() * 0.2;
      }
    }
    Dataset<Row> wide = TestData.frame(TestData.classification(44, 3000, w, new double[3], 0.5), 2);
    double reference = ACCURACY.evaluate(batch().setMaxIter(100).setStepSize(0.2).fit(wide).transform(wide));
    org.apache.spark.SparkContext sc = wide.sparkSession().sparkContext();
    sc.setLocalProperty(io.github.sparkasgd.optim.AsyncSolver.CHUNK_SIZE_CONF, "1k");
    try {
      // 903 doubles: dense frames of ~7 KB cross the wire as 1 KB chunks
      SGDClassificationModel m = new SGDClassifier().setSolver("async").setExchange(exchange).setStepSize(0.01)
          .setStepSchedule("inverse").setMaxIter(10).setSyncInterval(300).fit(wide);
      double acc = ACCURACY.evaluate(m.transform(wide));
      assertEquals(reference, acc, 0.03, exchange + " accuracy " + acc + " vs batch " + reference);
      assertTrue(m.summary().exchangeStats().bytesFromWorkers() > 7000 * 2, m.summary().exchangeStats().toString());
      assertEquals(0, m.summary().exchangeStats().rejectedMessages());
    } finally {
      sc.setLocalProperty(io.github.sparkasgd.optim.AsyncSolver.CHUNK_SIZE_CONF, null);
    }
  }

  @Test
  void workersAlsoRunAsANormalStage() {
    org.apache.spark.SparkContext sc = multiclass.sparkSession().sparkContext();
    double reference = ACCURACY.evaluate(batch().fit(multiclass).transform(multiclass));
    sc.setLocalProperty(io.github.sparkasgd.optim.AsyncSolver.BARRIER_CONF, "false");
    try {
      SGDClassificationModel m = new SGDClassifier().setSolver("async").setStepSize(0.05)
          .setStepSchedule("inverse").setMaxIter(10).setSyncInterval(300).fit(multiclass);
      assertEquals(reference, ACCURACY.evaluate(m.transform(multiclass)), 0.01);
    } finally {
      sc.setLocalProperty(io.github.sparkasgd.optim.AsyncSolver.BARRIER_CONF, null);
    }
  }

  @Test
  void timeBudgetStopsTheFit() {
    long start = System.nanoTime();
    SGDClassificationModel m = new SGDClassifier().setSolver("async").setStepSize(0.05).setMaxIter(100_000)
        .setTimeBudget(2.0).setSyncInterval(300).fit(multiclass);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 60, "stopped by the budget, not by 100000 epochs: " + seconds);
    assertTrue(m.summary().totalIterations() < 100_000);
  }

  @Test
  void divergenceFailsWithAClearError() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SGDRegressor()
        .setSolver("async").setStepSize(1e6).setStepSchedule("constant").setMaxIter(50).setSyncInterval(50)
        .fit(linear.selectExpr("features", "label * 1e150 as label")));
    assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
  }

  @Test
  void cancellingTheJobReleasesEndpointAndThreads() throws Exception {
    org.apache.spark.SparkContext sc = multiclass.sparkSession().sparkContext();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
    Thread fit = new Thread(() -> {
      try {
        new SGDClassifier().setSolver("async").setStepSize(0.01).setMaxIter(1_000_000).setSyncInterval(300)
            .setTol(0).setProgressListener((s, e, o, t) -> running.countDown()).fit(multiclass);
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    fit.start();
    assertTrue(running.await(60, java.util.concurrent.TimeUnit.SECONDS), "the fit got going");
    sc.cancelAllJobs();
    fit.join(60_000);
    assertTrue(!fit.isAlive(), "fit returned after cancellation");
    assertTrue(failure.get() != null, "a cancelled fit fails");
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<String> ours;
    do {
      Thread.sleep(100);
      ours = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
          .filter(n -> n.startsWith("spark-asgd")).toList();
    } while (!ours.isEmpty() && System.nanoTime() < deadline);
    assertEquals(List.of(), ours);
  }

  @Test
  void fiftyFitsLeakNoThreadsOrEndpoints() {
    for (int i = 0; i < 50; i++) {
      new SGDClassifier().setSolver("async").setExchange(i % 2 == 0 ? "delta" : "asgd").setMaxIter(1)
          .setSyncInterval(500).setStepSize(0.05).fit(multiclass);
    }
    List<String> ours = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("spark-asgd")).toList();
    assertEquals(List.of(), ours);
  }
}
