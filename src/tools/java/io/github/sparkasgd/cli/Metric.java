package io.github.sparkasgd.cli;

import java.util.Locale;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A held-out metric of a fitted model's predictions, and which direction is better. */
enum Metric {
  ACCURACY(true),
  LOG_LOSS(false),
  RMSE(false),
  R2(true),
  /** A clustering's training cost, read from the model (see {@link KMeansExperiment}), not from predictions. */
  COST(false);

  final boolean higherIsBetter;

  Metric(boolean higherIsBetter) {
    this.higherIsBetter = higherIsBetter;
  }

  static Metric fromName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  double evaluate(Dataset<Row> predictions) {
    return switch (this) {
      case ACCURACY -> new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
      case LOG_LOSS -> new MulticlassClassificationEvaluator().setMetricName("logLoss").evaluate(predictions);
      case RMSE -> new RegressionEvaluator().setMetricName("rmse").evaluate(predictions);
      case R2 -> new RegressionEvaluator().setMetricName("r2").evaluate(predictions);
      case COST -> throw new IllegalArgumentException("the cost is the model's, not a metric of predictions");
    };
  }

  /** Whether {@code value} is at least as good as {@code target}. */
  boolean reached(double value, double target) {
    return higherIsBetter ? value >= target : value <= target;
  }

  /** The better of two values. */
  double best(double a, double b) {
    return higherIsBetter ? Math.max(a, b) : Math.min(a, b);
  }
}
