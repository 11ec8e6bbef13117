package io.github.sparkasgd.ml;

import io.github.sparkasgd.data.FeatureScaling;
import io.github.sparkasgd.data.InputSpec;
import io.github.sparkasgd.data.ValuePrecision;
import io.github.sparkasgd.data.ScalingRequest;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.ElasticNet;
import io.github.sparkasgd.objective.LinearLayout;
import io.github.sparkasgd.objective.LinearObjective;
import io.github.sparkasgd.objective.MarginLoss;
import io.github.sparkasgd.optim.ProgressListener;
import io.github.sparkasgd.optim.Solvers;
import io.github.sparkasgd.optim.TrainingResult;
import io.github.sparkasgd.optim.TrainingState;
import org.apache.spark.sql.Dataset;

/**
 * Turns an estimator's params into a solver run; shared by every linear estimator.
 *
 * <p>Solvers train in the scaled space of the blocks ({@link FeatureScaling}): feature j is
 * {@code (x_j - mu_j) s_j} and the label {@code (y - mu_y) c}. A model {@code v, b'} there is the
 * model {@code w_j = v_j s_j / c}, {@code b = (b' - sum_j v_j s_j mu_j) / c + mu_y} in the input's
 * units, and the scaled objective is {@code c^2} times the original one, so the penalty there is
 * {@code regParam (alpha c ||v||_1 + (1 - alpha)/2 ||v||^2)}: MLlib's penalty on the standardized
 * coefficients {@code w_j sigma_j = v_j / c} (on {@code w} itself when standardization is off).
 */
public final class LinearTrainer {
  private LinearTrainer() {}

  /** Reads, validates and caches a fit's input, scaled as the params ask. */
  public static TrainingData data(Dataset<?> dataset, SGDParams params, String featuresCol, String labelCol,
      boolean classification, int declaredClasses) {
    boolean spread = Solvers.assumesRandomRows(params.getSolver());
    InputSpec spec = new InputSpec(featuresCol, labelCol, params.getWeightCol(), classification,
        declaredClasses, params.getNumWorkers(), params.getSeed(), spread,
        ValuePrecision.fromParam(params.getFeaturePrecision()));
    return TrainingData.build(dataset, spec,
        new ScalingRequest(params.getStandardization(), !classification, params.getFitIntercept(),
            params.getRegParam() > 0));
  }

  /** A trained model in the input's units with the summary of its fit and where it left its schedule. */
  public record Fit(LinearModelData model, SGDTrainingSummary summary, TrainingState state) {}

  /**
   * Runs the configured solver.
   *
   * @param loss the loss in the scaled space (a Huber threshold scaled by the label scale)
   * @param initialWeights the starting model in the input's units
   * @param start the schedule's start: {@link TrainingState#FRESH} or an initial model's
   */
  public static Fit run(TrainingData data, LinearLayout layout, MarginLoss loss, SGDParams params,
      double[] initialWeights, TrainingState start, long startNanos, ProgressListener listener) {
    FeatureScaling scaling = data.scaling();
    double c = scaling.labelScale();
    double regParam = params.getRegParam();
    double alpha = params.getElasticNetParam();
    LinearObjective objective = new LinearObjective(layout, loss,
        new ElasticNet(regParam * alpha * c, regParam * (1.0 - alpha)));
    TrainingResult result = SolverRun.solve(data, objective, params, toScaled(layout, scaling, initialWeights),
        start, startNanos, listener);
    LinearModelData model = LinearModelData.fromWeights(layout, toOriginal(layout, scaling, result.weights()));
    return new Fit(model, SolverRun.summary(result, 1.0 / (c * c)), result.endState(start));
  }

  /** Weights in the input's units to the scaled space. */
  static double[] toScaled(LinearLayout layout, FeatureScaling scaling, double[] w) {
    double[] v = new double[w.length];
    double c = scaling.labelScale();
    int d = layout.numFeatures();
    for (int k = 0; k < layout.numOutputs(); k++) {
      int row = layout.rowOffset(k);
      double shifted = 0;
      for (int j = 0; j < d; j++) {
        double s = scaling.scale(j);
        v[row + j] = s == 0 ? 0 : c * w[row + j] / s;
        shifted += v[row + j] * s * scaling.shift(j);
      }
      if (layout.fitIntercept()) {
        int b = layout.interceptIndex(k);
        v[b] = c * (w[b] - scaling.labelShift()) + shifted;
      }
    }
    return v;
  }

  /** Weights in the scaled space to the input's units. */
  static double[] toOriginal(LinearLayout layout, FeatureScaling scaling, double[] v) {
    double[] w = new double[v.length];
    double c = scaling.labelScale();
    int d = layout.numFeatures();
    for (int k = 0; k < layout.numOutputs(); k++) {
      int row = layout.rowOffset(k);
      double shifted = 0;
      for (int j = 0; j < d; j++) {
        double ws = v[row + j] * scaling.scale(j);
        w[row + j] = ws / c;
        shifted += ws * scaling.shift(j);
      }
      int b = layout.interceptIndex(k);
      w[b] = layout.fitIntercept() ? (v[b] - shifted) / c + scaling.labelShift() : 0.0;
    }
    return w;
  }
}
