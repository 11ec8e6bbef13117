package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.TestData;
import io.github.sparkasgd.data.InputSpec;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.data.ValuePrecision;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Solvers that train each partition on its own assume randomly assigned rows (seed 000 Alg. 3): on
 * input sorted by label, each partition would hold one or two classes and learn nothing of the rest.
 */
class LabelSortedInputTest {

  private static final List<Row> ROWS = TestData.classification(81, 3000,
      new double[][] {{2, 0, -1}, {0, 2, 0}, {-2, -2, 1}}, new double[] {0, 0, 0}, 0.3);

  private static Dataset<Row> sortedByLabel(List<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble(r -> r.getDouble(1)));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    // parallelize slices in order: partition 0 holds classes 0 and 1, partition 1 classes 1 and 2
    return SparkTestSession.get().createDataFrame(jsc.parallelize(sorted, 2), TestData.SCHEMA);
  }

  /** Rows are dealt out (a shuffle) only when the partitions' labels show they need it. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void rowsAreDealtOutOnlyWhenThePartitionsAreNotRandom(boolean classification) {
    InputSpec spec = new InputSpec("features", "label", "", classification, 0, 0, 42, true, ValuePrecision.FLOAT32);
    try (TrainingData random = TrainingData.build(TestData.frame(ROWS, 2), spec);
        TrainingData sorted = TrainingData.build(sortedByLabel(ROWS), spec)) {
      assertFalse(random.rowsDealt(), "randomly partitioned input is trained where it is");
      assertTrue(sorted.rowsDealt(), "label-sorted input is dealt out");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"simuparallel", "async"})
  void labelSortedInputFitsAsWellAsShuffledInput(String solver) {
    Dataset<Row> byLabel = sortedByLabel(ROWS);
    Dataset<Row> shuffled = TestData.frame(ROWS, 2);
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
    SGDClassifier sgd = SolverRecoveryTest.configure(new SGDClassifier(), solver).setSeed(3);
    double onSorted = accuracy.evaluate(sgd.fit(byLabel).transform(shuffled));
    double onShuffled = accuracy.evaluate(sgd.fit(shuffled).transform(shuffled));
    assertEquals(onShuffled, onSorted, 0.01, solver + ": label-sorted " + onSorted + " vs shuffled " + onShuffled);
  }
}
