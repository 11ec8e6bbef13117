package io.github.sparkasgd.ml.classification;

import io.github.sparkasgd.ml.HasSGDSummary;
import io.github.sparkasgd.ml.ModelSize;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.ml.SGDTrainingSummary;
import io.github.sparkasgd.objective.MlpObjective;
import io.github.sparkasgd.objective.SoftmaxLoss;
import java.util.Arrays;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import scala.Tuple3;

/**
 * A fitted {@link SGDMultilayerPerceptronClassifier}: rawPrediction is the output layer's values before
 * the softmax, probability their softmax (as MLlib's MultilayerPerceptronClassificationModel). The
 * weights are in MLlib's layout and the input's units ({@link #weights()}), so they warm-start another
 * fit as its {@code initialWeights}.
 */
public final class SGDMultilayerPerceptronClassificationModel
    extends ProbabilisticClassificationModel<Vector, SGDMultilayerPerceptronClassificationModel>
    implements MlpParams, HasSGDSummary, MLWritable {
  private static final long serialVersionUID = 1L;

  private final SGDParamSet sgdParams;
  private final MlpParamSet mlpParams;
  private final int[] layerSizes;
  private final double[] weights;
  private SGDTrainingSummary summary;

  /**
   * An empty model (one input, two classes, zero weights) with a random uid, for Spark Connect: its
   * ServiceLoader lists the Transformers an ML client may name only if each has a public no-arg
   * constructor. Fitted and loaded models come from the other constructors.
   */
  public SGDMultilayerPerceptronClassificationModel() {
    this(Identifiable$.MODULE$.randomUID("sgdMlpcModel"), new int[] {1, 2}, new double[4]);
  }

  public SGDMultilayerPerceptronClassificationModel(String uid, int[] layers, double[] weights) {
    this(PendingUid.stage(uid), layers, weights, true);
  }

  private SGDMultilayerPerceptronClassificationModel(String uid, int[] layers, double[] weights, boolean staged) {
    this.sgdParams = SGDParamSet.create(this, uid, SGDMultilayerPerceptronClassifier.LOSSES);
    this.mlpParams = new MlpParamSet(this, uid, sgdParams);
    if (layers.length < 2 || weights.length != MlpObjective.parameterCount(layers)) {
      throw new IllegalArgumentException("layers " + Arrays.toString(layers) + " need "
          + MlpObjective.parameterCount(layers) + " weights, got " + weights.length);
    }
    this.layerSizes = layers.clone();
    this.weights = weights;
    set(layers(), layers.clone());
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
  public MlpParamSet mlpParams() {
    return mlpParams;
  }

  SGDMultilayerPerceptronClassificationModel withSummary(SGDTrainingSummary trainingSummary) {
    this.summary = trainingSummary;
    return this;
  }

  @Override
  public SGDTrainingSummary summaryOrNull() {
    return summary;
  }

  /** Every layer's weights and biases, MLlib's layout (see {@link MlpObjective}). */
  public Vector weights() {
    return new DenseVector(weights.clone());
  }

  double[] weightArray() {
    return weights;
  }

  int[] layerSizes() {
    return layerSizes.clone();
  }

  @Override
  public int numClasses() {
    return layerSizes[layerSizes.length - 1];
  }

  @Override
  public int numFeatures() {
    return layerSizes[0];
  }

  @Override
  public Vector predictRaw(Vector features) {
    if (features.size() != numFeatures()) {
      throw new IllegalArgumentException("features have size " + features.size() + " but the model expects "
          + numFeatures());
    }
    double[] out = new double[numClasses()];
    new MlpObjective(layerSizes, hiddenActivation(), 0.0, 1).margins(features.toArray(), weights, out);
    return new DenseVector(out);
  }

  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    SoftmaxLoss.softmaxInPlace(((DenseVector) rawPrediction).values());
    return rawPrediction;
  }

  /** See {@link SGDClassificationModel#findSummaryModel()}: the raw type satisfies both inherited versions. */
  @Override
  @SuppressWarnings("rawtypes")
  public Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public SGDMultilayerPerceptronClassificationModel copy(ParamMap extra) {
    SGDMultilayerPerceptronClassificationModel copy =
        copyValues(new SGDMultilayerPerceptronClassificationModel(uid(), layerSizes, weights), extra);
    copy.setParent(parent());
    return copy;
  }

  /** What Spark Connect's model cache counts (Spark 4): weights and params, see {@link ModelSize}. */
  public long estimatedSize() {
    return ModelSize.of(this, weights);
  }

  @Override
  public MLWriter write() {
    return new MlpModelIO.Writer(this);
  }

  public static MLReader<SGDMultilayerPerceptronClassificationModel> read() {
    return new MlpModelIO.Reader();
  }

  public static SGDMultilayerPerceptronClassificationModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "SGDMultilayerPerceptronClassificationModel: uid=" + uid() + ", layers=" + Arrays.toString(layerSizes);
  }
}
