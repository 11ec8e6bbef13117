package io.github.sparkasgd.ml.classification;

import io.github.sparkasgd.ml.HasSGDSummary;
import io.github.sparkasgd.ml.LinearModelData;
import io.github.sparkasgd.ml.LinearModelIO;
import io.github.sparkasgd.ml.ModelSize;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.ml.SGDParams;
import io.github.sparkasgd.ml.SGDTrainingSummary;
import io.github.sparkasgd.objective.LogisticLoss;
import io.github.sparkasgd.objective.SoftmaxLoss;
import io.github.sparkasgd.optim.TrainingState;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import scala.Tuple3;

/**
 * A fitted {@link SGDClassifier}. Binary models have one coefficient row: rawPrediction is
 * {@code [-m, m]} and probability {@code [1 - sigmoid(m), sigmoid(m)]}; multiclass models have one row
 * per class, rawPrediction is the margins and probability their softmax. Probabilities are calibrated
 * for the logistic loss only; for hinge they are a monotone score with the same argmax.
 */
public final class SGDClassificationModel
    extends ProbabilisticClassificationModel<Vector, SGDClassificationModel>
    implements SGDParams, HasSGDSummary, MLWritable {
  private static final long serialVersionUID = 1L;

  private final SGDParamSet sgdParams;
  private final LinearModelData data;
  private final int numClasses;
  /** Where its fit left the step schedule; null for models saved before models kept it. */
  private final TrainingState trainingState;
  private SGDTrainingSummary summary;

  /**
   * An empty model (no features) with a random uid, for Spark Connect: its ServiceLoader lists the
   * Transformers an ML client may name only if each has a public no-arg constructor. Fitted and loaded
   * models come from the other constructors.
   */
  public SGDClassificationModel() {
    this(Identifiable$.MODULE$.randomUID("sgdClassificationModel"), new LinearModelData(1, 0, new double[0],
        new double[1]), 2);
  }

  public SGDClassificationModel(String uid, LinearModelData data, int numClasses) {
    this(uid, data, numClasses, null);
  }

  SGDClassificationModel(String uid, LinearModelData data, int numClasses, TrainingState trainingState) {
    this(PendingUid.stage(uid), data, numClasses, trainingState, true);
  }

  private SGDClassificationModel(String uid, LinearModelData data, int numClasses, TrainingState trainingState,
      boolean staged) {
    this.sgdParams = SGDParamSet.create(this, uid, SGDClassifier.LOSSES);
    int expectedOutputs = numClasses == 2 ? 1 : numClasses;
    if (numClasses < 2 || data.numOutputs() != expectedOutputs) {
      throw new IllegalArgumentException(numClasses + " classes need " + expectedOutputs
          + " coefficient rows, got " + data.numOutputs());
    }
    this.data = data;
    this.numClasses = numClasses;
    this.trainingState = trainingState;
  }

  @Override
  public String uid() {
    return SGDParamSet.uid(sgdParams);
  }

  @Override
  public SGDParamSet sgdParams() {
    return sgdParams;
  }

  SGDClassificationModel withSummary(SGDTrainingSummary trainingSummary) {
    this.summary = trainingSummary;
    return this;
  }

  LinearModelData data() {
    return data;
  }

  TrainingState trainingState() {
    return trainingState;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public int numFeatures() {
    return data.numFeatures();
  }

  /** Coefficients, one row per output (1 for binary models, numClasses otherwise). */
  public Matrix coefficientMatrix() {
    return data.coefficientMatrix();
  }

  public Vector interceptVector() {
    return data.interceptVector();
  }

  /** Coefficients of a binary model. */
  public Vector coefficients() {
    return data.coefficientVector();
  }

  /** Intercept of a binary model. */
  public double intercept() {
    data.coefficientVector();
    return data.intercepts()[0];
  }

  @Override
  public SGDTrainingSummary summaryOrNull() {
    return summary;
  }

  @Override
  public Vector predictRaw(Vector features) {
    double[] margins = new double[data.numOutputs()];
    data.margins(features, margins);
    if (numClasses == 2) {
      return new DenseVector(new double[] {-margins[0], margins[0]});
    }
    return new DenseVector(margins);
  }

  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    double[] values = ((DenseVector) rawPrediction).values();
    if (numClasses == 2) {
      double p = LogisticLoss.sigmoid(values[1]);
      values[0] = 1.0 - p;
      values[1] = p;
    } else {
      SoftmaxLoss.softmaxInPlace(values);
    }
    return rawPrediction;
  }

  /**
   * Spark's two inherited versions clash in Java (Scala's tuples are covariant, Java's generics are
   * not); the raw type satisfies both and the probabilistic one is the right one.
   */
  @Override
  @SuppressWarnings("rawtypes")
  public Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public SGDClassificationModel copy(ParamMap extra) {
    SGDClassificationModel copy = copyValues(new SGDClassificationModel(uid(), data, numClasses, trainingState),
        extra);
    copy.setParent(parent());
    return copy;
  }

  /** What Spark Connect's model cache counts (Spark 4): coefficients and params, see {@link ModelSize}. */
  public long estimatedSize() {
    return ModelSize.of(this, data.coefficients(), data.intercepts());
  }

  @Override
  public MLWriter write() {
    return new LinearModelIO.Writer(this, data, numClasses, trainingState);
  }

  public static MLReader<SGDClassificationModel> read() {
    return new LinearModelIO.Reader<>(SGDClassificationModel.class, SGDClassificationModel::new);
  }

  public static SGDClassificationModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "SGDClassificationModel: uid=" + uid() + ", numClasses=" + numClasses
        + ", numFeatures=" + numFeatures();
  }
}
