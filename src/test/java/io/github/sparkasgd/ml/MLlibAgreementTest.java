package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.github.sparkasgd.TestData.assertClose;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.regression.SGDRegressionModel;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The batch solver, run to convergence, must land on the optimum MLlib's L-BFGS finds for the same
 * data and penalty: proof that our objective is MLlib's objective.
 */
class MLlibAgreementTest {

  private static SGDClassifier batch(double regParam) {
    return new SGDClassifier().setSolver("batch").setStepSize(1.0).setStepSchedule("constant")
        .setMaxIter(1000).setTol(1e-13).setRegParam(regParam).setStandardization(false);
  }

  @Test
  void binaryLogisticWithL2MatchesLogisticRegression() {
    Dataset<Row> df = TestData.frame(TestData.classification(11, 3000,
        new double[][] {{0, 0, 0, 0}, {1.5, -1, 0.5, 0}}, new double[] {0, -0.4}, 1.0), 3);
    SGDClassificationModel ours = batch(0.05).fit(df);
    LogisticRegressionModel mllib = new LogisticRegression().setRegParam(0.05).setStandardization(false)
        .setTol(1e-12).setMaxIter(500).fit(df);
    assertClose(mllib.coefficients().toArray(), ours.coefficients().toArray(), 1e-3, "coefficients");
    assertEquals(mllib.intercept(), ours.intercept(), 1e-3 * Math.max(1, Math.abs(mllib.intercept())));
    double[] history = ours.summary().objectiveHistory();
    assertEquals(mllib.summary().objectiveHistory()[mllib.summary().totalIterations() - 1],
        history[history.length - 1], 1e-7, "same objective value at the optimum");
  }

  @Test
  void multinomialLogisticWithL2MatchesLogisticRegression() {
    Dataset<Row> df = TestData.frame(TestData.classification(12, 3000,
        new double[][] {{1, 0, -1}, {0, 1.5, 0}, {-1, -1, 1}}, new double[] {0.2, 0, -0.2}, 1.0), 3);
    SGDClassificationModel ours = batch(0.02).fit(df);
    LogisticRegressionModel mllib = new LogisticRegression().setFamily("multinomial").setRegParam(0.02)
        .setStandardization(false).setTol(1e-12).setMaxIter(500).fit(df);
    assertEquals(3, ours.numClasses());
    assertClose(mllib.coefficientMatrix().toArray(), ours.coefficientMatrix().toArray(), 1e-3, "coefficients");
    assertClose(mllib.interceptVector().toArray(), ours.interceptVector().toArray(), 1e-3, "intercepts");
    List<Row> a = ours.transform(df).select("probability").limit(50).collectAsList();
    List<Row> b = mllib.transform(df).select("probability").limit(50).collectAsList();
    for (int i = 0; i < a.size(); i++) {
      assertClose(((Vector) b.get(i).get(0)).toArray(), ((Vector) a.get(i).get(0)).toArray(), 1e-3, "probability");
    }
  }

  @Test
  void ridgeRegressionMatchesLinearRegressionAndClosedForm() {
    double[] truth = {2, -3, 0.5, 1};
    Dataset<Row> df = TestData.frame(TestData.regression(13, 2000, truth, 1.5, 0.5, 0), 2);
    double lambda = 0.1;
    SGDRegressionModel ours = new SGDRegressor().setSolver("batch").setStepSize(0.5).setStandardization(false)
        .setStepSchedule("constant").setMaxIter(2000).setTol(1e-15).setRegParam(lambda).fit(df);

    // Closed form: (Xc'Xc/n + lambda I) w = Xc'yc/n with centred data; b = mean(y) - mean(x).w.
    List<Row> rows = df.collectAsList();
    int d = truth.length;
    int n = rows.size();
    double[] mx = new double[d];
    double my = 0;
    for (Row r : rows) {
      double[] x = ((Vector) r.get(0)).toArray();
      for (int j = 0; j < d; j++) {
        mx[j] += x[j] / n;
      }
      my += r.getDouble(1) / n;
    }
    double[][] a = new double[d][d + 1];
    for (Row r : rows) {
      double[] x = ((Vector) r.get(0)).toArray();
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          a[i][j] += (x[i] - mx[i]) * (x[j] - mx[j]) / n;
        }
        a[i][d] += (x[i] - mx[i]) * (r.getDouble(1) - my) / n;
      }
    }
    for (int i = 0; i < d; i++) {
      a[i][i] += lambda;
    }
    double[] w = solve(a);
    double b = my;
    for (int j = 0; j < d; j++) {
      b -= mx[j] * w[j];
    }
    assertClose(w, ours.coefficients().toArray(), 1e-6, "closed form coefficients");
    assertEquals(b, ours.intercept(), 1e-6);

    // MLlib standardises the label: its regParam r acts as r / std(y) in label units.
    double yStd = df.selectExpr("stddev_samp(label)").first().getDouble(0);
    LinearRegressionModel mllib = new LinearRegression().setRegParam(lambda * yStd)
        .setStandardization(false).setSolver("l-bfgs").setTol(1e-12).setMaxIter(500).fit(df);
    assertClose(mllib.coefficients().toArray(), ours.coefficients().toArray(), 1e-3, "MLlib coefficients");
    assertEquals(mllib.intercept(), ours.intercept(), 1e-3 * Math.abs(mllib.intercept()));
  }

  /** Gaussian elimination with partial pivoting on an augmented d x (d+1) matrix. */
  private static double[] solve(double[][] a) {
    int d = a.length;
    for (int c = 0; c < d; c++) {
      int p = c;
      for (int r = c + 1; r < d; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      for (int r = 0; r < d; r++) {
        if (r != c) {
          double f = a[r][c] / a[c][c];
          for (int k = c; k <= d; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = a[i][d] / a[i][i];
    }
    return x;
  }
}
