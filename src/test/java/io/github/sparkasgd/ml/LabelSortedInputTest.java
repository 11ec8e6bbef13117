package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.TestData;
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

  @ParameterizedTest
  @ValueSource(strings = {"simuparallel", "async"})
  void labelSortedInputFitsAsWellAsShuffledInput(String solver) {
    List<Row> rows = TestData.classification(81, 3000,
        new double[][] {{2, 0, -1}, {0, 2, 0}, {-2, -2, 1}}, new double[] {0, 0, 0}, 0.3);
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble(r -> r.getDouble(1)));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    // parallelize slices in order: partition 0 holds classes 0 and 1, partition 1 classes 1 and 2
    Dataset<Row> byLabel = SparkTestSession.get().createDataFrame(jsc.parallelize(sorted, 2), TestData.SCHEMA);
    Dataset<Row> shuffled = TestData.frame(rows, 2);
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
    SGDClassifier sgd = SolverRecoveryTest.configure(new SGDClassifier(), solver).setSeed(3);
    double onSorted = accuracy.evaluate(sgd.fit(byLabel).transform(shuffled));
    double onShuffled = accuracy.evaluate(sgd.fit(shuffled).transform(shuffled));
    assertEquals(onShuffled, onSorted, 0.01, solver + ": label-sorted " + onSorted + " vs shuffled " + onShuffled);
  }
}
