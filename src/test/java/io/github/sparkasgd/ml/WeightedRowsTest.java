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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A row of weight 2 is two rows of weight 1, for every solver, even when all the weighted rows sit in
 * one partition. The weighted dataset's two partitions disagree on the intercept (+1 with weight 2,
 * -1 with weight 1), so the weighting decides the answer: 1/3 with the weights, 0 without them. The
 * duplicated dataset spreads its rows evenly over two equal partitions, so that every solver fits it
 * well and the comparison is about the weights alone.
 */
class WeightedRowsTest {
  private static final double[] W = {1, -0.5};
  private static final StructType SCHEMA = TestData.SCHEMA.add("weight", DataTypes.DoubleType, false);
  private static Dataset<Row> weighted;
  private static Dataset<Row> duplicated;

  @BeforeAll
  static void data() {
    List<Row> plus = TestData.regression(71, 800, W, 1.0, 0.1, 0);
    List<Row> minus = TestData.regression(72, 800, W, -1.0, 0.1, 0);
    weighted = frame(withWeight(plus, 2.0), withWeight(minus, 1.0));
    List<Row> first = new ArrayList<>();
    List<Row> second = new ArrayList<>();
    for (int i = 0; i < plus.size(); i++) {
      first.add(plus.get(i));
      second.add(plus.get(i));
      (i % 2 == 0 ? first : second).add(minus.get(i));
    }
    duplicated = frame(withWeight(first, 1.0), withWeight(second, 1.0));
  }

  private static List<Row> withWeight(List<Row> rows, double weight) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(RowFactory.create(r.get(0), r.get(1), weight));
    }
    return out;
  }

  /** One partition per list (of equal sizes), in this order; no union, so async runs a barrier stage. */
  private static Dataset<Row> frame(List<Row> first, List<Row> second) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<Row> all = new ArrayList<>(first);
    all.addAll(second);
    return SparkTestSession.get().createDataFrame(jsc.parallelize(all, 2), SCHEMA).cache();
  }

  /**
   * The async workers' final states are averaged, and on these partitions each drifts towards its
   * own intercept between exchanges: exchange often and in step (bulk synchronous), so that neither
   * the drift nor which worker happens to run ahead moves the result. Staleness-aware scaling is off:
   * it halves whichever push of a round comes second, which here would favour one partition.
   */
  private static SGDRegressor estimator(String solver) {
    SGDRegressor r = SolverRecoveryTest.configure(new SGDRegressor(), solver).setWeightCol("weight").setTol(0);
    if (!solver.equals("batch")) {
      r.setMaxIter(30); // the labels' spread (intercepts +-1) makes SGD's last iterates jitter: decay further
    }
    return solver.equals("async") ? r.setSyncInterval(20).setStaleness(0).setStalenessAwareStep(false) : r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel", "async"})
  void weightTwoFitsAsTwoCopies(String solver) {
    SGDRegressionModel w = estimator(solver).fit(weighted);
    SGDRegressionModel d = estimator(solver).fit(duplicated);
    // Unweighted, the intercept would be 0: the tolerances are a third of that gap.
    assertEquals(d.intercept(), w.intercept(), 0.1, solver + ": weighted vs duplicated intercept");
    assertEquals(1.0 / 3.0, w.intercept(), 0.1, solver + ": the weights decide the intercept");
    for (int j = 0; j < W.length; j++) {
      assertEquals(d.coefficients().apply(j), w.coefficients().apply(j), 0.1, solver + " coefficient " + j);
    }
  }
}
