package io.github.sparkasgd.ml.regression;

import io.github.sparkasgd.data.BlockStats;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.ml.EstimatorIO;
import io.github.sparkasgd.ml.FitLabel;
import io.github.sparkasgd.ml.HasInitialModel;
import io.github.sparkasgd.ml.LinearTrainer;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.ml.SGDSetters;
import io.github.sparkasgd.ml.WarmStart;
import io.github.sparkasgd.objective.HuberLoss;
import io.github.sparkasgd.objective.LinearLayout;
import io.github.sparkasgd.objective.MarginLoss;
import io.github.sparkasgd.objective.SquaredLoss;
import io.github.sparkasgd.optim.ProgressListener;
import io.github.sparkasgd.optim.TrainingState;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;

/**
 * Linear regression trained by SGD: {@code loss = "squared"} minimises
 * {@code (1/2W) sum weight_i (y_i - w.x_i - b)^2 + penalty}, {@code "huber"} the Huber loss with
 * threshold {@code epsilon}.
 */
public final class SGDRegressor extends Regressor<Vector, SGDRegressor, SGDRegressionModel>
    implements SGDSetters<SGDRegressor>, HuberParams, HasInitialModel<SGDRegressionModel, SGDRegressor>,
    MLWritable {
  private static final long serialVersionUID = 1L;

  public static final String SQUARED = "squared";
  public static final String HUBER = "huber";
  static final List<String> LOSSES = List.of(SQUARED, HUBER);

  private final SGDParamSet sgdParams;
  private final DoubleParam epsilon;
  private final WarmStart<SGDRegressionModel> warmStart = new WarmStart<>();
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

  @Override
  public WarmStart<SGDRegressionModel> warmStart() {
    return warmStart;
  }

  /** Called on the driver after every epoch/iteration; not a param, so not copied or saved. */
  public SGDRegressor setProgressListener(ProgressListener listener) {
    this.progressListener = listener;
    return this;
  }

  @Override
  public SGDRegressor copy(ParamMap extra) {
    SGDRegressor copy = defaultCopy(extra);
    return copy.setInitialModel(warmStart.get());
  }

  @Override
  public SGDRegressionModel train(Dataset<?> dataset) {
    long start = System.nanoTime();
    SGDRegressionModel initial = warmStart.get();
    if (initial != null) {
      WarmStart.requireSame("loss", initial.getLoss(), getLoss());
      WarmStart.requireSame("fitIntercept", initial.getFitIntercept(), getFitIntercept());
    }
    try (FitLabel label = FitLabel.open(dataset.sparkSession().sparkContext(), this);
        TrainingData data = LinearTrainer.data(dataset, this, getFeaturesCol(), getLabelCol(), false, 0)) {
      BlockStats totals = data.totals();
      // Labels are scaled by c for training: Huber's threshold, in label units, scales with them.
      double c = data.scaling().labelScale();
      MarginLoss loss = SQUARED.equals(getLoss()) ? new SquaredLoss() : new HuberLoss(getEpsilon() * c);
      LinearLayout layout = new LinearLayout(1, data.numFeatures(), getFitIntercept());
      double[] init = new double[layout.size()];
      TrainingState schedule = TrainingState.FRESH;
      if (initial != null) {
        WarmStart.requireSame("numFeatures", initial.numFeatures(), data.numFeatures());
        init = initial.data().toWeights();
        schedule = WarmStart.schedule(this, initial, initial.trainingState());
      } else if (getFitIntercept()) {
        // The weighted label mean is the best constant model for squared loss; a sound start for Huber.
        init[layout.interceptIndex(0)] = totals.weightedLabelSum() / totals.weightSum();
      }
      LinearTrainer.Fit fit = LinearTrainer.run(data, layout, loss, this, init, schedule, start,
          label.listener(progressListener));
      return new SGDRegressionModel(uid(), fit.model(), fit.state()).withSummary(fit.summary());
    }
  }

  /** Saves the params and the initial model, if one is set. */
  @Override
  public MLWriter write() {
    return new EstimatorIO.Writer(this, warmStart.get());
  }

  public static MLReader<SGDRegressor> read() {
    return new EstimatorIO.Reader<>(SGDRegressionModel::load);
  }

  public static SGDRegressor load(String path) {
    return read().load(path);
  }
}
