package io.github.sparkasgd.ml.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Mini-batch k-means runs an epoch's mini-batches inside one Spark job and still finds the centres. */
class MiniBatchKMeansTest {

  @Test
  void anEpochIsOneSparkJobNotOnePerMiniBatch() throws Exception {
    double[][] truth = KMeansTestData.centres(201, 4, 5);
    Dataset<Row> mixture = KMeansTestData.mixture(202, truth, 1500, 0.3, 2).cache();
    mixture.count();
    SparkContext sc = SparkTestSession.get().sparkContext();
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    };
    sc.addSparkListener(counter);
    int epochs = 6;
    SGDKMeansModel model;
    try {
      // 6,000 rows at b = 60: 100 mini-batches an epoch, 600 in the fit.
      model = new SGDKMeans().setK(4).setSeed(3).setSolver("minibatch").setMiniBatchSize(60).setMaxIter(epochs)
          .setTol(0).fit(mixture);
      sc.listenerBus().waitUntilEmpty();
    } finally {
      sc.removeSparkListener(counter);
      mixture.unpersist();
    }
    assertEquals(epochs, model.summary().objectiveHistory().length);
    // Besides the epochs: the blocks, the seeding's rounds and the final cost pass, a few jobs each.
    assertTrue(jobs.get() <= epochs + 12, jobs.get() + " Spark jobs for " + epochs + " epochs");
    double error = KMeansTestData.worstCentreError(truth, model.clusterCenters());
    assertTrue(error < 0.05, "worst centre coordinate off by " + error);
  }
}
