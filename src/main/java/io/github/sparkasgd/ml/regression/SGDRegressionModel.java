package io.github.sparkasgd.ml.regression;

import io.github.sparkasgd.ml.HasSGDSummary;
import io.github.sparkasgd.ml.LinearModelData;
import io.github.sparkasgd.ml.LinearModelIO;
import io.github.sparkasgd.ml.ModelSize;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.ml.SGDTrainingSummary;
import io.github.sparkasgd.optim.TrainingState;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/** A fitted {@link SGDRegressor}: {@code prediction = coefficients . x + intercept}. */
public final class SGDRegressionModel extends RegressionModel<Vector, SGDRegressionModel>
    implements HuberParams, HasSGDSummary, MLWritable {
  private static final long serialVersionUID = 1L;

  private final SGDParamSet sgdParams;
  private final DoubleParam epsilon;
  private final LinearModelData data;
  /** Where its fit left the step schedule; null for models saved before models kept it. */
  private final TrainingState trainingState;
  private SGDTrainingSummary summary;

  /**
   * An empty model (no features) with a random uid, for Spark Connect: its ServiceLoader lists the
   * Transformers an ML client may name only if each has a public no-arg constructor. Fitted and loaded
   * models come from the other constructors.
   */
  public SGDRegressionModel() {
    this(Identifiable$.MODULE$.randomUID("sgdRegressionModel"), new LinearModelData(1, 0, new double[0],
        new double[1]));
  }

  public SGDRegressionModel(String uid, LinearModelData data) {
    this(uid, data, null);
  }

  SGDRegressionModel(String uid, LinearModelData data, TrainingState trainingState) {
    this(PendingUid.stage(uid), data, trainingState, true);
  }

  /** The {@link LinearModelIO.Factory} form; regression has no classes. */
  private SGDRegressionModel(String uid, LinearModelData data, int numClasses, TrainingState trainingState) {
    this(uid, data, trainingState);
  }

  private SGDRegressionModel(String uid, LinearModelData data, TrainingState trainingState, boolean staged) {
    this.sgdParams = SGDParamSet.create(this, uid, SGDRegressor.LOSSES);
    this.epsilon = HuberParams.create(this);
    if (data.numOutputs() != 1) {
      throw new IllegalArgumentException("regression needs 1 coefficient row, got " + data.numOutputs());
    }
    this.data = data;
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

  @Override
  public DoubleParam epsilon() {
    return epsilon;
  }

  SGDRegressionModel withSummary(SGDTrainingSummary trainingSummary) {
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
  public int numFeatures() {
    return data.numFeatures();
  }

  public Vector coefficients() {
    return data.coefficientVector();
  }

  public double intercept() {
    return data.intercepts()[0];
  }

  /** The coefficients as a 1 x numFeatures matrix, for code that handles every linear model alike. */
  public Matrix coefficientMatrix() {
    return data.coefficientMatrix();
  }

  public Vector interceptVector() {
    return data.interceptVector();
  }

  @Override
  public SGDTrainingSummary summaryOrNull() {
    return summary;
  }

  @Override
  public double predict(Vector features) {
    double[] margin = new double[1];
    data.margins(features, margin);
    return margin[0];
  }

  @Override
  public SGDRegressionModel copy(ParamMap extra) {
    SGDRegressionModel copy = copyValues(new SGDRegressionModel(uid(), data, trainingState), extra);
    copy.setParent(parent());
    return copy;
  }

  /** What Spark Connect's model cache counts (Spark 4): coefficients and params, see {@link ModelSize}. */
  public long estimatedSize() {
    return ModelSize.of(this, data.coefficients(), data.intercepts());
  }

  @Override
  public MLWriter write() {
    return new LinearModelIO.Writer(this, data, 0, trainingState);
  }

  public static MLReader<SGDRegressionModel> read() {
    return new LinearModelIO.Reader<>(SGDRegressionModel.class, SGDRegressionModel::new);
  }

  public static SGDRegressionModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "SGDRegressionModel: uid=" + uid() + ", numFeatures=" + numFeatures();
  }
}
