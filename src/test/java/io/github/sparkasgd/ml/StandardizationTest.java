package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.github.sparkasgd.TestData.assertClose;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * With {@code standardization} on (the default), the penalty applies to the coefficients of
 * standardized features and the model comes back in the input's units: exactly MLlib's
 * LogisticRegression at its default, which is what these tests compare to, on features whose scales
 * differ by 10^4 and with a constant column.
 */
class StandardizationTest {
  private static final double[] SCALES = {1.0, 100.0, 0.01, 3.0};
  private static final double CONSTANT = 5.0;

  /** The rows with feature j multiplied by {@code SCALES[j]} and a constant feature appended. */
  static Dataset<Row> rescaled(List<Row> rows, int partitions) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      double[] x = ((Vector) r.get(0)).toArray();
      double[] y = new double[x.length + 1];
      for (int j = 0; j < x.length; j++) {
        y[j] = x[j] * SCALES[j];
      }
      y[x.length] = CONSTANT;
      out.add(RowFactory.create(Vectors.dense(y), r.getDouble(1)));
    }
    return TestData.frame(out, partitions);
  }

  private static SGDClassifier converged(double regParam) {
    return new SGDClassifier().setSolver("batch").setRegParam(regParam).setMaxIter(2000).setTol(1e-12);
  }

  @Test
  void binaryCoefficientsEqualMLlibsWithStandardization() {
    Dataset<Row> df = rescaled(TestData.classification(21, 3000,
        new double[][] {{0, 0, 0, 0}, {1.5, -1, 0.5, 0.8}}, new double[] {0, -0.4}, 1.0), 3);
    SGDClassificationModel ours = converged(0.05).fit(df);
    LogisticRegressionModel mllib = new LogisticRegression().setRegParam(0.05).setTol(1e-12).setMaxIter(500).fit(df);
    assertClose(mllib.coefficients().toArray(), ours.coefficients().toArray(), 1e-3, "coefficients");
    assertEquals(mllib.intercept(), ours.intercept(), 1e-3 * Math.max(1, Math.abs(mllib.intercept())));
    assertEquals(0.0, ours.coefficients().apply(SCALES.length), "a constant column gets no weight");
    // The penalty is on standardized coefficients: switched off, the answer differs visibly.
    SGDClassificationModel raw = converged(0.05).setStandardization(false).fit(df);
    double[] a = raw.coefficients().toArray();
    double[] b = mllib.coefficients().toArray();
    assertTrue(Math.abs(a[2] - b[2]) > 0.1 * Math.abs(b[2]),
        "without standardization the small-scale feature is shrunk differently: " + a[2] + " vs " + b[2]);
  }

  @Test
  void multinomialCoefficientsEqualMLlibsWithStandardization() {
    Dataset<Row> df = rescaled(TestData.classification(22, 3000,
        new double[][] {{1, 0, -1, 0.5}, {0, 1.5, 0, -0.5}, {-1, -1, 1, 0}}, new double[] {0.2, 0, -0.2}, 1.0), 3);
    SGDClassificationModel ours = converged(0.02).fit(df);
    LogisticRegressionModel mllib = new LogisticRegression().setFamily("multinomial").setRegParam(0.02)
        .setTol(1e-12).setMaxIter(500).fit(df);
    assertClose(mllib.coefficientMatrix().toArray(), ours.coefficientMatrix().toArray(), 1e-3, "coefficients");
    assertClose(mllib.interceptVector().toArray(), ours.interceptVector().toArray(), 1e-3, "intercepts");
    for (int k = 0; k < 3; k++) {
      assertEquals(0.0, ours.coefficientMatrix().apply(k, SCALES.length), "a constant column gets no weight");
    }
  }
}
