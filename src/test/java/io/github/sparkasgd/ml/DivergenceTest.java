package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import io.github.sparkasgd.optim.FiniteCheck;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A step size far too large must fail every solver's fit with the same message, never return a model. */
class DivergenceTest {

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel", "async"})
  void aDivergingFitFailsWithTheSameClearMessage(String solver) {
    // Labels are standardized internally, so only the step (not the 1e150 label scale) drives the
    // divergence. 200 rows and a sync interval far above the steps: async workers never push, so only their
    // final states can show the divergence.
    Dataset<Row> huge = TestData.frame(TestData.regression(61, 200, new double[] {1, -2}, 0.5, 0.1, 0), 2)
        .selectExpr("features", "label * 1e150 as label");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SGDRegressor()
        .setSolver(solver).setStepSize(1e20).setStepSchedule("constant").setMaxIter(50).setMiniBatchSize(16)
        .setSyncInterval(1_000_000).setTol(0).fit(huge));
    assertTrue(e.getMessage().contains(FiniteCheck.MESSAGE), e.getMessage());
  }
}
