package io.github.sparkasgd.ml.classification;

import io.github.sparkasgd.data.BlockStats;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.ml.EstimatorIO;
import io.github.sparkasgd.ml.FitLabel;
import io.github.sparkasgd.ml.HasInitialModel;
import io.github.sparkasgd.ml.LinearModelData;
import io.github.sparkasgd.ml.LinearTrainer;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.ml.SGDSetters;
import io.github.sparkasgd.ml.WarmStart;
import io.github.sparkasgd.objective.HingeLoss;
import io.github.sparkasgd.objective.LinearLayout;
import io.github.sparkasgd.objective.LogisticLoss;
import io.github.sparkasgd.objective.MarginLoss;
import io.github.sparkasgd.objective.SoftmaxLoss;
import io.github.sparkasgd.optim.ProgressListener;
import io.github.sparkasgd.optim.TrainingState;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;

/**
 * Linear classifier trained by SGD. {@code loss = "logistic"} is MLlib's LogisticRegression objective
 * (binomial for two classes, multinomial/softmax for more); {@code loss = "hinge"} is a linear SVM
 * (one-vs-rest in one weight matrix for more than two classes). Classes come from the label column's
 * metadata, or are {@code 0 .. max label}.
 */
public final class SGDClassifier
    extends ProbabilisticClassifier<Vector, SGDClassifier, SGDClassificationModel>
    implements SGDSetters<SGDClassifier>, HasInitialModel<SGDClassificationModel, SGDClassifier>, MLWritable {
  private static final long serialVersionUID = 1L;

  public static final String LOGISTIC = "logistic";
  public static final String HINGE = "hinge";
  static final List<String> LOSSES = List.of(LOGISTIC, HINGE);

  private final SGDParamSet sgdParams;
  private final WarmStart<SGDClassificationModel> warmStart = new WarmStart<>();
  private transient ProgressListener progressListener;

  public SGDClassifier() {
    this(Identifiable$.MODULE$.randomUID("sgdClassifier"));
  }

  public SGDClassifier(String uid) {
    this(PendingUid.stage(uid), true);
  }

  private SGDClassifier(String uid, boolean staged) {
    this.sgdParams = SGDParamSet.create(this, uid, LOSSES);
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
  public WarmStart<SGDClassificationModel> warmStart() {
    return warmStart;
  }

  /** Called on the driver after every epoch/iteration; not a param, so not copied or saved. */
  public SGDClassifier setProgressListener(ProgressListener listener) {
    this.progressListener = listener;
    return this;
  }

  @Override
  public SGDClassifier copy(ParamMap extra) {
    SGDClassifier copy = defaultCopy(extra);
    return copy.setInitialModel(warmStart.get());
  }

  @Override
  public SGDClassificationModel train(Dataset<?> dataset) {
    long start = System.nanoTime();
    SGDClassificationModel initial = warmStart.get();
    int declared = declaredClasses(dataset);
    if (initial != null) {
      WarmStart.requireSame("loss", initial.getLoss(), getLoss());
      WarmStart.requireSame("fitIntercept", initial.getFitIntercept(), getFitIntercept());
    }
    try (FitLabel label = FitLabel.open(dataset.sparkSession().sparkContext(), this);
        TrainingData data = LinearTrainer.data(dataset, this, getFeaturesCol(), getLabelCol(), true, declared)) {
      BlockStats totals = data.totals();
      int numClasses = declared > 0 ? declared : Math.max(2, (int) totals.maxLabel() + 1);
      if (initial != null) {
        // Labels within the model's classes fit it: a batch may lack the top class.
        numClasses = declared > 0 ? declared : Math.max(numClasses, initial.numClasses());
        WarmStart.requireSame("numClasses", initial.numClasses(), numClasses);
        WarmStart.requireSame("numFeatures", initial.numFeatures(), data.numFeatures());
      }
      MarginLoss loss = LOGISTIC.equals(getLoss())
          ? (numClasses == 2 ? new LogisticLoss() : new SoftmaxLoss(numClasses))
          : new HingeLoss(numClasses);
      LinearLayout layout = new LinearLayout(loss.numOutputs(), data.numFeatures(), getFitIntercept());
      double[] init = initial == null ? initialWeights(layout, totals.classWeights(), numClasses)
          : initial.data().toWeights();
      TrainingState schedule = initial == null ? TrainingState.FRESH
          : WarmStart.schedule(this, initial, initial.trainingState());
      LinearTrainer.Fit fit = LinearTrainer.run(data, layout, loss, this, init, schedule, start,
          label.listener(progressListener));
      LinearModelData model = fit.model();
      if (loss instanceof SoftmaxLoss) {
        centerSoftmax(model, getRegParam() == 0.0);
      }
      return new SGDClassificationModel(uid(), model, numClasses, fit.state()).withSummary(fit.summary());
    }
  }

  private int declaredClasses(Dataset<?> dataset) {
    Attribute attr = Attribute.fromStructField(dataset.schema().apply(getLabelCol()));
    if (attr instanceof BinaryAttribute) {
      return 2;
    }
    if (attr instanceof NominalAttribute nominal && nominal.getNumValues().isDefined()) {
      return (Integer) nominal.getNumValues().get();
    }
    return 0;
  }

  /**
   * Logistic models start with intercepts at the log-odds of the class priors (as MLlib does):
   * the best constant model, which saves the first epochs from learning the class balance.
   */
  private double[] initialWeights(LinearLayout layout, double[] classWeights, int numClasses) {
    double[] w = new double[layout.size()];
    if (!getFitIntercept() || !LOGISTIC.equals(getLoss())) {
      return w;
    }
    double[] counts = java.util.Arrays.copyOf(classWeights, numClasses);
    for (double c : counts) {
      if (c <= 0) {
        return w;
      }
    }
    if (numClasses == 2) {
      w[layout.interceptIndex(0)] = Math.log(counts[1] / counts[0]);
    } else {
      double meanLog = 0.0;
      for (double c : counts) {
        meanLog += Math.log(c) / numClasses;
      }
      for (int k = 0; k < numClasses; k++) {
        w[layout.interceptIndex(k)] = Math.log(counts[k]) - meanLog;
      }
    }
    return w;
  }

  /**
   * Softmax is unchanged by adding a constant to every class's intercept (or, unpenalised, to every
   * class's coefficient of a feature); like MLlib, report the centred, identifiable solution.
   */
  private static void centerSoftmax(LinearModelData model, boolean centerCoefficients) {
    int k = model.numOutputs();
    int d = model.numFeatures();
    center(model.intercepts(), 0, 1, k);
    if (centerCoefficients) {
      for (int j = 0; j < d; j++) {
        center(model.coefficients(), j, d, k);
      }
    }
  }

  private static void center(double[] a, int start, int stride, int count) {
    double mean = 0.0;
    for (int i = 0; i < count; i++) {
      mean += a[start + i * stride] / count;
    }
    for (int i = 0; i < count; i++) {
      a[start + i * stride] -= mean;
    }
  }

  /** Saves the params and the initial model, if one is set. */
  @Override
  public MLWriter write() {
    return new EstimatorIO.Writer(this, warmStart.get());
  }

  public static MLReader<SGDClassifier> read() {
    return new EstimatorIO.Reader<>(SGDClassificationModel::load);
  }

  public static SGDClassifier load(String path) {
    return read().load(path);
  }
}
