package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.regression.SGDRegressionModel;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A small partition counts by its rows in a mini-batch, not by the one sample it always gets. */
class MiniBatchSharesTest {

  @Test
  void aSmallPartitionIsNotOverRepresented() {
    // 5 rows with intercept +50 next to 5,000 with intercept 0: the optimum's intercept is 50 * 5 / 5005
    // = 0.05. At b = 64 the small partition's one sample is 1/65 of each batch; scaled like the large
    // partition's samples it would pull the intercept to about 50 / 65 = 0.77.
    List<Row> small = TestData.regression(91, 5, new double[] {1, -1}, 50, 0.0, 0);
    List<Row> large = TestData.regression(92, 5000, new double[] {1, -1}, 0, 0.1, 0);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    Dataset<Row> df = SparkTestSession.get().createDataFrame(
        jsc.parallelize(small, 1).union(jsc.parallelize(large, 1)), TestData.SCHEMA).cache();
    SGDRegressionModel m = new SGDRegressor().setSolver("minibatch").setMiniBatchSize(64).setStepSize(0.1)
        .setMaxIter(5).setTol(0).fit(df);
    double optimum = 50.0 * 5 / 5005;
    assertEquals(optimum, m.intercept(), 0.2, "intercept");
  }
}
