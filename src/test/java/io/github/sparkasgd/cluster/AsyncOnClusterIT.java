package io.github.sparkasgd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.regression.SGDRegressionModel;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import io.github.sparkasgd.exchange.ExchangeStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Async fits where executors are separate JVMs talking to the driver endpoint over TCP. */
class AsyncOnClusterIT {
  private static SparkSession spark;
  private static Dataset<Row> multiclass;
  private static Dataset<Row> linear;
  private static final MulticlassClassificationEvaluator ACCURACY =
      new MulticlassClassificationEvaluator().setMetricName("accuracy");

  @BeforeAll
  static void start() {
    // Strict liveness: an executor whose heartbeats stall for 20 s is declared lost.
    spark = LocalCluster.start("spark-asgd async on a cluster", Map.of(
        "spark.executor.heartbeatInterval", "2s",
        "spark.network.timeout", "20s",
        "spark.network.timeoutInterval", "5s"));
    multiclass = spark.createDataFrame(TestData.classification(51, 20000,
        new double[][] {{2, 0, -1, 0.5}, {0, 2, 0, -0.5}, {-2, -2, 1, 0}}, new double[] {0.3, 0, -0.3}, 1.0),
        TestData.SCHEMA).repartition(2).cache();
    linear = spark.createDataFrame(TestData.regression(52, 10000, new double[] {1, -2, 3, 0.5}, 0.7, 0.3, 0),
        TestData.SCHEMA).repartition(2).cache();
    multiclass.count();
    linear.count();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static double batchAccuracy() {
    return ACCURACY.evaluate(new SGDClassifier().setSolver("batch").setStepSize(1.0).setStepSchedule("constant")
        .setMaxIter(100).fit(multiclass).transform(multiclass));
  }

  @ParameterizedTest
  @ValueSource(strings = {"delta", "asgd"})
  void bothEstimatorsReachTheBatchSolver(String exchange) {
    double reference = batchAccuracy();
    SGDClassificationModel c = new SGDClassifier().setSolver("async").setExchange(exchange).setStepSize(0.05)
        .setMaxIter(8).setSyncInterval(500).fit(multiclass);
    assertEquals(reference, ACCURACY.evaluate(c.transform(multiclass)), 0.01);
    assertTrue(c.summary().exchangeStats().pushes() >= 2, c.summary().exchangeStats().toString());

    RegressionEvaluator rmse = new RegressionEvaluator();
    double refRmse = rmse.evaluate(new SGDRegressor().setSolver("batch").setStepSize(0.5)
        .setStepSchedule("constant").setMaxIter(100).fit(linear).transform(linear));
    SGDRegressionModel r = new SGDRegressor().setSolver("async").setExchange(exchange).setStepSize(0.02)
        .setMaxIter(8).setSyncInterval(500).fit(linear);
    assertEquals(refRmse, rmse.evaluate(r.transform(linear)), 0.05 * refRmse);
  }

  /**
   * A 2M-coefficient model exchanged as full 16 MB states (asgd) as fast as the workers can: chunked
   * transfers must leave room for heartbeats, so no executor is lost and no task fails.
   */
  @Test
  void heavyPushesDoNotStarveHeartbeats() {
    int d = 2_000_000;
    java.util.Random r = new java.util.Random(53);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20000; i++) {
      int[] idx = r.ints(10, 0, d).distinct().sorted().toArray();
      double[] val = new double[idx.length];
      double score = 0;
      for (int k = 0; k < idx.length; k++) {
        val[k] = 1.0;
        score += (idx[k] % 2 == 0) ? 1 : -1;
      }
      rows.add(RowFactory.create(Vectors.sparse(d, idx, val), score > 0 ? 1.0 : 0.0));
    }
    Dataset<Row> wide = spark.createDataFrame(rows, TestData.SCHEMA).repartition(2).cache();
    wide.count();
    List<String> trouble = new java.util.concurrent.CopyOnWriteArrayList<>();
    SparkListener watch = new SparkListener() {
      @Override
      public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        trouble.add("executor " + e.executorId() + " removed: " + e.reason());
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd e) {
        if (!e.taskInfo().successful()) {
          trouble.add("task failed: " + e.reason());
        }
      }
    };
    spark.sparkContext().addSparkListener(watch);
    try {
      SGDClassificationModel m = new SGDClassifier().setSolver("async").setExchange("asgd").setStepSize(0.5)
          .setMaxIter(1000).setTimeBudget(25).setSyncInterval(100).setTol(0).fit(wide);
      ExchangeStats stats = m.summary().exchangeStats();
      assertTrue(stats.pushes() >= 10, stats.toString());
      assertTrue(stats.bytesFromWorkers() >= 10L * 8 * d, "at least ten 16 MB states crossed: " + stats);
    } finally {
      spark.sparkContext().removeSparkListener(watch);
    }
    assertEquals(List.of(), trouble);
  }

  @Test
  void killingAnExecutorMidFitStillCompletes() throws Exception {
    double reference = batchAccuracy();
    LocalCluster.awaitExecutors(spark, 2);
    AtomicBoolean killed = new AtomicBoolean();
    AtomicLong victim = new AtomicLong(-1);
    SGDClassifier est = new SGDClassifier().setSolver("async").setStepSize(0.05).setStepSchedule("inverse")
        .setMaxIter(30).setSyncInterval(500)
        .setProgressListener((solver, epoch, objective, seconds) -> {
          if (epoch == 3 && killed.compareAndSet(false, true)) {
            long pid = LocalCluster.executorPids(spark).get(0);
            victim.set(pid);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
          }
        });
    SGDClassificationModel m = est.fit(multiclass);
    assertTrue(killed.get(), "an executor was killed during the fit");
    assertTrue(ProcessHandle.of(victim.get()).map(p -> !p.isAlive()).orElse(true));
    double acc = ACCURACY.evaluate(m.transform(multiclass));
    assertEquals(reference, acc, 0.015, "accuracy after losing an executor");
    assertTrue(m.summary().exchangeStats().pushes() > 0);
  }
}
