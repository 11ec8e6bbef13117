package io.github.sparkasgd.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.exchange.SparkRpc;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.optim.AsyncSolver;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.rpc.RpcEnv$;
import org.apache.spark.rpc.RpcTimeout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;
import scala.reflect.ClassTag$;

/**
 * With {@code spark.authenticate} and network encryption on, async fits work across JVMs (backup
 * workers and compression included), and the exchange endpoint, riding on the driver's RpcEnv, refuses clients
 * without the secret.
 */
class AuthenticatedClusterIT {
  private static final String SECRET = "correct horse battery staple";
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalCluster.start("spark-asgd with authentication", Map.of(
        "spark.authenticate", "true",
        "spark.authenticate.secret", SECRET,
        "spark.network.crypto.enabled", "true",
        "spark.io.encryption.enabled", "true"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static final MulticlassClassificationEvaluator ACCURACY =
      new MulticlassClassificationEvaluator().setMetricName("accuracy");

  private static Dataset<Row> binary(long seed) {
    return spark.createDataFrame(TestData.classification(seed, 10000, new double[][] {{0, 0, 0}, {2, -1, 1}},
        new double[] {0, 0.2}, 0.5), TestData.SCHEMA).repartition(2).cache();
  }

  private static double batchAccuracy(Dataset<Row> df) {
    return ACCURACY.evaluate(new SGDClassifier().setSolver("batch").setStepSize(1.0).setStepSchedule("constant")
        .setMaxIter(100).fit(df).transform(df));
  }

  @Test
  void asyncFitWorksWithAuthenticationAndEncryption() {
    Dataset<Row> df = binary(61);
    SGDClassificationModel m = new SGDClassifier().setSolver("async").setStepSize(0.05).setMaxIter(5)
        .setSyncInterval(500).fit(df);
    assertEquals(batchAccuracy(df), ACCURACY.evaluate(m.transform(df)), 0.01);
    assertTrue(m.summary().exchangeStats().pushes() >= 2);
  }

  /**
   * Backup workers across executor JVMs: the worker of partition 1 is made 20x slower (fault
   * injection, set on the driver and shipped in the task), the other one closes the rounds (N = 1 of
   * 2), and the straggler's late pushes are dropped.
   */
  @Test
  void backupWorkersDropAStragglersLatePushesAcrossJvms() {
    Dataset<Row> df = binary(62);
    SparkContext sc = spark.sparkContext();
    sc.setLocalProperty(AsyncSolver.SLOW_WORKER_CONF, "1:20");
    SGDClassificationModel m;
    try {
      m = new SGDClassifier().setSolver("async").setBackupWorkers(1).setStepSize(0.05).setMaxIter(5)
          .setSyncInterval(500).fit(df);
    } finally {
      sc.setLocalProperty(AsyncSolver.SLOW_WORKER_CONF, null);
    }
    ExchangeStats stats = m.summary().exchangeStats();
    assertTrue(stats.rounds() >= 20, stats.toString());
    assertTrue(stats.roundsWithoutAll() > 0.8 * stats.rounds(), stats.toString());
    // About one drop per round with equal workers; 8 in 25 rounds with the straggler at load 30.
    assertTrue(stats.droppedPushes() > 0 && stats.droppedPushes() < 0.6 * stats.rounds(), stats.toString());
    assertEquals(batchAccuracy(df), ACCURACY.evaluate(m.transform(df)), 0.01, stats.toString());
  }

  /**
   * Compression across executor JVMs: top-k async pushes and replies (error feedback on both sides)
   * and top-k minibatch gradients (error feedback in the executors' residual store) train as the
   * uncompressed fits do, in fewer bytes.
   */
  @Test
  void compressedExchangeWorksAcrossJvms() {
    int features = 200;
    java.util.Random r = new java.util.Random(5);
    double[][] w = new double[2][features];
    for (int j = 0; j < features; j++) {
      w[0][j] = r.nextGaussian() / Math.sqrt(features) * 3;
    }
    Dataset<Row> df = spark.createDataFrame(TestData.classification(64, 8000, w, new double[] {0.5, 0}, 0.5),
        TestData.SCHEMA).repartition(2).cache();
    SGDClassifier async = new SGDClassifier().setSolver("async").setStepSize(0.05).setMaxIter(10).setTol(0)
        .setSyncInterval(300).setCompressionFraction(0.05);
    SGDClassifier minibatch = new SGDClassifier().setSolver("minibatch").setMiniBatchSize(500).setStepSize(0.5)
        .setMaxIter(10).setTol(0).setCompressionFraction(0.02);
    for (SGDClassifier estimator : new SGDClassifier[] {async, minibatch}) {
      SGDClassificationModel plain = estimator.copy(new org.apache.spark.ml.param.ParamMap()).setCompression("none")
          .fit(df);
      SGDClassificationModel topk = estimator.copy(new org.apache.spark.ml.param.ParamMap()).setCompression("topk")
          .fit(df);
      ExchangeStats stats = topk.summary().exchangeStats();
      assertTrue(stats.compressionRatio() > 1.5, estimator.getSolver() + ": " + stats);
      assertEquals(ACCURACY.evaluate(plain.transform(df)), ACCURACY.evaluate(topk.transform(df)), 0.015,
          estimator.getSolver() + ": " + stats);
    }
  }

  @Test
  void onlyClientsWithTheSecretReachTheEndpoint() throws Exception {
    String name = "spark-asgd-auth-probe";
    RpcAddress driver = SparkEnv.get().rpcEnv().address();
    try (SparkRpc.Hosted hosted = SparkRpc.host(name, (request, reply) -> reply.accept(request))) {
      byte[] hello = {1, 2, 3};
      SparkConf good = clientConf().set("spark.authenticate", "true").set("spark.authenticate.secret", SECRET)
          .set("spark.network.crypto.enabled", "true");
      assertArrayEquals(hello, ask(good, driver, name, hello), "a client with the secret is answered");

      SparkConf none = clientConf().set("spark.authenticate", "false");
      assertThrows(Exception.class, () -> ask(none, driver, name, hello));
      SparkConf wrong = clientConf().set("spark.authenticate", "true").set("spark.authenticate.secret", "guess")
          .set("spark.network.crypto.enabled", "true");
      assertThrows(Exception.class, () -> ask(wrong, driver, name, hello));
    }
  }

  private static SparkConf clientConf() {
    return new SparkConf(false).set("spark.rpc.askTimeout", "10s").set("spark.network.timeout", "10s")
        .set("spark.rpc.lookupTimeout", "10s");
  }

  /** Connects a separate client RpcEnv (as an outsider would) and asks the endpoint once. */
  private static byte[] ask(SparkConf conf, RpcAddress driver, String name, byte[] message) throws Exception {
    SecurityManager security = new SecurityManager(conf, Option.empty(),
        org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE_EXECUTOR());
    RpcEnv env = RpcEnv$.MODULE$.create("outsider", "127.0.0.1", 0, conf, security, true);
    try {
      RpcEndpointRef ref = env.setupEndpointRef(driver, name);
      return ref.askSync(message, new RpcTimeout(FiniteDuration.apply(10, TimeUnit.SECONDS), "test"),
          ClassTag$.MODULE$.apply(byte[].class));
    } finally {
      env.shutdown();
      env.awaitTermination();
    }
  }
}
