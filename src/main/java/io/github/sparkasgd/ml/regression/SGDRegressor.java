package io.github.sparkasgd.ml.regression;

import io.github.sparkasgd.data.BlockStats;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.ml.FitLabel;
import io.github.sparkasgd.ml.LinearTrainer;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.ml.SGDSetters;
import io.github.sparkasgd.objective.HuberLoss;
import io.github.sparkasgd.objective.LinearLayout;
import io.github.sparkasgd.objective.MarginLoss;
import io.github.sparkasgd.objective.SquaredLoss;
import io.github.sparkasgd.optim.ProgressListener;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * Linear regression trained by SGD: {@code loss = "squared"} minimises
 * {@code (1/2W) sum weight_i (y_i - w.x_i - b)^2 + penalty}, {@code "huber"} the Huber loss with
 * threshold {@code epsilon}.
 */
public final class SGDRegressor extends Regressor<Vector, SGDRegressor, SGDRegressionModel>
    implements SGDSetters<SGDRegressor>, HuberParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  public static final String SQUARED = "squared";
  public static final String HUBER = "huber";
  static final List<String> LOSSES = List.of(SQUARED, HUBER);

  private final SGDParamSet sgdParams;
  private final DoubleParam epsilon;
  private transient ProgressListener progressListener;

  public SGDRegressor() {
    this(Identifiable$.MODULE$.randomUID("sgdRegressor"));
  }

  public SGDRegressor(String uid) {
    this(PendingUid.stage(uid), true);
  }

  private SGDRegressor(String uid, boolean staged) {
    this.sgdParams = SGDParamSet.create(this, uid, LOSSES);
    this.epsilon = HuberParams.create(this);
  }

  @Override
  public String uid() {
    return SGDParamSet.uid(sgdParams);
  }

  @Override
  public SGDParamSet sgdParams() {
    return sgdParams;
  }

  @Override
  public DoubleParam epsilon() {
    return epsilon;
  }

  public SGDRegressor setEpsilon(double value) {
    return (SGDRegressor) set(epsilon, value);
  }

  /** Called on the driver after every epoch/iteration; not a param, so not copied or saved. */
  public SGDRegressor setProgressListener(ProgressListener listener) {
    this.progressListener = listener;
    return this;
  }

  @Override
  public SGDRegressor copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public SGDRegressionModel train(Dataset<?> dataset) {
    long start = System.nanoTime();
    try (FitLabel label = FitLabel.open(dataset.sparkSession().sparkContext(), this);
        TrainingData data = LinearTrainer.data(dataset, this, getFeaturesCol(), getLabelCol(), false, 0)) {
      BlockStats totals = data.totals();
      // Labels are scaled by c for training: Huber's threshold, in label units, scales with them.
      double c = data.scaling().labelScale();
      MarginLoss loss = SQUARED.equals(getLoss()) ? new SquaredLoss() : new HuberLoss(getEpsilon() * c);
      LinearLayout layout = new LinearLayout(1, data.numFeatures(), getFitIntercept());
      double[] init = new double[layout.size()];
      if (getFitIntercept()) {
        // The weighted label mean is the best constant model for squared loss; a sound start for Huber.
        init[layout.interceptIndex(0)] = totals.weightedLabelSum() / totals.weightSum();
      }
      LinearTrainer.Fit fit = LinearTrainer.run(data, layout, loss, this, init, start,
          label.listener(progressListener));
      return new SGDRegressionModel(uid(), fit.model()).withSummary(fit.summary());
    }
  }

  public static MLReader<SGDRegressor> read() {
    return new DefaultParamsReader<>();
  }

  public static SGDRegressor load(String path) {
    return read().load(path);
  }
}
