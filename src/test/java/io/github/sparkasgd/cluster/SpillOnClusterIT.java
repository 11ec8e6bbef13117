package io.github.sparkasgd.cluster;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.ml.functions;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.junit.jupiter.api.Test;

/**
 * Cached blocks that do not fit in the executors' storage memory go to disk and the fit completes
 * with the model it gets when they fit. Executors are separate 768 MB JVMs; the data (built by SQL
 * expressions on the executors, so nothing of this test ships to them) is about 80 MB of float32
 * blocks per executor, against about 23 MB of storage memory at {@code spark.memory.fraction=0.05}.
 */
class SpillOnClusterIT {
  private static final int ROWS = 200_000;
  private static final int FEATURES = 200;

  private static Dataset<Row> data(SparkSession spark) {
    Dataset<Row> arrays = spark.range(0, ROWS, 1, 2).selectExpr(
        "transform(sequence(0, " + (FEATURES - 1) + "), i -> CAST(abs(hash(id, i)) % 2000 AS DOUBLE) / 1000.0 - 1.0) AS x");
    return arrays.select(functions.array_to_vector(col("x")).as("features"),
        col("x").getItem(0).plus(col("x").getItem(1)).minus(col("x").getItem(2)).gt(0).cast("double").as("label"));
  }

  private record Fit(double[] coefficients, long diskBytes) {}

  private static Fit fit(Map<String, String> conf) {
    SparkSession spark = LocalCluster.start("spark-asgd spill", conf);
    try {
      AtomicLong disk = new AtomicLong();
      spark.sparkContext().addSparkListener(new SparkListener() {
        @Override
        public void onBlockUpdated(SparkListenerBlockUpdated event) {
          BlockUpdatedInfo info = event.blockUpdatedInfo();
          if (info.blockId().isRDD()) {
            disk.accumulateAndGet(info.diskSize(), Math::max);
          }
        }
      });
      SGDClassificationModel model = new SGDClassifier().setSolver("batch").setMaxIter(15).setTol(0)
          .fit(data(spark));
      // Block updates reach listeners asynchronously: wait (boundedly) for a spill to be reported.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (disk.get() == 0 && conf.containsKey("spark.memory.fraction") && System.nanoTime() < deadline) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return new Fit(model.coefficientMatrix().toArray(), disk.get());
    } finally {
      spark.stop();
    }
  }

  @Test
  void aFitWhoseBlocksDoNotFitInMemorySpillsAndGetsTheSameModel() {
    Fit ample = fit(Map.of());
    Fit spilled = fit(Map.of("spark.memory.fraction", "0.05"));
    assertEquals(0, ample.diskBytes(), "with ample memory nothing goes to disk");
    assertTrue(spilled.diskBytes() > 0, "blocks went to disk");
    assertEquals(ample.coefficients().length, spilled.coefficients().length);
    for (int j = 0; j < ample.coefficients().length; j++) {
      assertEquals(ample.coefficients()[j], spilled.coefficients()[j], 1e-9 * (1 + Math.abs(ample.coefficients()[j])),
          "coefficient " + j);
    }
  }
}
