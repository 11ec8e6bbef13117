package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Every job of a fit carries its group and a description naming estimator, solver and epoch. */
class FitLabelTest {

  @Test
  void everyJobOfAFitIsNamedAndTheCallersLabelsComeBack() throws Exception {
    SparkContext sc = SparkTestSession.get().sparkContext();
    Dataset<Row> data = TestData.frame(TestData.classification(3, 600, new double[][] {{1.0, -2.0}, {-1.0, 2.0}},
        new double[] {0.5, -0.5}, 1.0), 2).cache();
    data.count();
    Set<String> labels = ConcurrentHashMap.newKeySet();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        labels.add(job.properties().getProperty(FitLabel.GROUP) + " | "
            + job.properties().getProperty(FitLabel.DESCRIPTION));
      }
    };
    sc.addSparkListener(listener);
    sc.setJobGroup("caller", "the caller's jobs", false);
    try {
      SGDClassifier est = new SGDClassifier().setSolver("batch").setMaxIter(3).setTol(0.0);
      est.fit(data);
      sc.listenerBus().waitUntilEmpty();
      String uid = est.uid();
      for (String expected : List.of("preparing data", "iteration 2 of 3", "iteration 3 of 3")) {
        assertTrue(labels.contains(uid + " | SGDClassifier batch: " + expected), expected + " not in " + labels);
      }
      assertTrue(labels.stream().noneMatch(l -> l.startsWith("caller")), "a fit job kept the caller's group: " + labels);
      assertEquals("caller", sc.getLocalProperty(FitLabel.GROUP));
      assertEquals("the caller's jobs", sc.getLocalProperty(FitLabel.DESCRIPTION));
    } finally {
      sc.removeSparkListener(listener);
      sc.clearJobGroup();
    }
  }

  @Test
  void timeLeftIsThePaceSoFarOverTheEpochsLeft() {
    assertEquals(30.0, FitLabel.secondsLeft(2, 8, 10.0), 1e-12);
    assertEquals(0.0, FitLabel.secondsLeft(8, 8, 10.0), 1e-12);
    assertTrue(Double.isNaN(FitLabel.secondsLeft(0, 8, 0.0)));
  }
}
