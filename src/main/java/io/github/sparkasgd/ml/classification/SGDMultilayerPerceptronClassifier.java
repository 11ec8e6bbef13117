package io.github.sparkasgd.ml.classification;

import io.github.sparkasgd.data.InputSpec;
import io.github.sparkasgd.data.ScalingRequest;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.data.ValuePrecision;
import io.github.sparkasgd.ml.FitLabel;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.ml.SGDSetters;
import io.github.sparkasgd.ml.SolverRun;
import io.github.sparkasgd.objective.MlpObjective;
import io.github.sparkasgd.optim.ProgressListener;
import io.github.sparkasgd.optim.Solvers;
import io.github.sparkasgd.optim.TrainingResult;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A multilayer perceptron classifier (MLlib's MultilayerPerceptronClassifier's model: fully connected
 * hidden layers, softmax output, cross-entropy) trained by the library's solvers: {@code async} (the
 * default: Hogwild! threads running mini-batch SGD on a shared array in each worker, a parameter server
 * or ASGD exchange between workers), {@code simuparallel}, {@code minibatch} or {@code batch}. Features
 * are standardized internally (as the linear estimators) and the model is returned in the input's
 * units. {@code layers} must be set; its first entry is the features' size, its last the number of
 * classes, and labels must be {@code 0 .. classes-1}.
 */
public final class SGDMultilayerPerceptronClassifier
    extends ProbabilisticClassifier<Vector, SGDMultilayerPerceptronClassifier,
        SGDMultilayerPerceptronClassificationModel>
    implements MlpParams, SGDSetters<SGDMultilayerPerceptronClassifier>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** The one loss: softmax cross-entropy. */
  static final List<String> LOSSES = List.of("softmax");

  private final SGDParamSet sgdParams;
  private final MlpParamSet mlpParams;
  private transient ProgressListener progressListener;

  public SGDMultilayerPerceptronClassifier() {
    this(Identifiable$.MODULE$.randomUID("sgdMlpc"));
  }

  public SGDMultilayerPerceptronClassifier(String uid) {
    this(PendingUid.stage(uid), true);
  }

  private SGDMultilayerPerceptronClassifier(String uid, boolean staged) {
    this.sgdParams = SGDParamSet.create(this, uid, LOSSES);
    this.mlpParams = new MlpParamSet(this, uid, sgdParams);
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

  public SGDMultilayerPerceptronClassifier setLayers(int[] value) {
    return (SGDMultilayerPerceptronClassifier) set(layers(), value);
  }

  public SGDMultilayerPerceptronClassifier setBlockSize(int value) {
    return (SGDMultilayerPerceptronClassifier) set(blockSize(), value);
  }

  public SGDMultilayerPerceptronClassifier setActivation(String value) {
    return (SGDMultilayerPerceptronClassifier) set(activation(), value);
  }

  public SGDMultilayerPerceptronClassifier setInitialWeights(Vector value) {
    return (SGDMultilayerPerceptronClassifier) set(initialWeights(), value);
  }

  /** Called on the driver after every epoch/iteration; not a param, so not copied or saved. */
  public SGDMultilayerPerceptronClassifier setProgressListener(ProgressListener listener) {
    this.progressListener = listener;
    return this;
  }

  @Override
  public SGDMultilayerPerceptronClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public SGDMultilayerPerceptronClassificationModel train(Dataset<?> dataset) {
    long start = System.nanoTime();
    int[] layers = checkedLayers();
    MlpObjective objective = new MlpObjective(layers, hiddenActivation(), getRegParam(), getBlockSize());
    Vector given = isDefined(initialWeights()) ? getInitialWeights() : null;
    if (given != null && given.size() != objective.size()) {
      throw new IllegalArgumentException("initialWeights has " + given.size() + " values but layers "
          + Arrays.toString(layers) + " need " + objective.size());
    }
    InputSpec spec = new InputSpec(getFeaturesCol(), getLabelCol(), getWeightCol(), true, layers[layers.length - 1],
        getNumWorkers(), getSeed(), Solvers.assumesRandomRows(getSolver()),
        ValuePrecision.fromParam(getFeaturePrecision()));
    try (FitLabel label = FitLabel.open(dataset.sparkSession().sparkContext(), this);
        TrainingData data = TrainingData.build(dataset, spec,
            new ScalingRequest(getStandardization(), false, true, getRegParam() > 0))) {
      if (data.numFeatures() != layers[0]) {
        throw new IllegalArgumentException("Column " + getFeaturesCol() + " holds vectors of size "
            + data.numFeatures() + " but layers " + Arrays.toString(layers) + " start with " + layers[0]);
      }
      double[] init = given != null ? MlpWeights.toScaled(objective, data.scaling(), given.toArray())
          : objective.initialWeights(getSeed());
      TrainingResult result = SolverRun.solve(data, objective, this, init, start, label.listener(progressListener));
      double[] weights = MlpWeights.toOriginal(objective, data.scaling(), result.weights());
      SGDMultilayerPerceptronClassificationModel model =
          new SGDMultilayerPerceptronClassificationModel(uid(), layers, weights);
      return model.withSummary(SolverRun.summary(result, 1.0));
    }
  }

  private int[] checkedLayers() {
    if (!isDefined(layers())) {
      throw new IllegalArgumentException("layers must be set, e.g. [numFeatures, 100, numClasses]");
    }
    int[] layers = getLayers();
    if (layers.length < 2 || Arrays.stream(layers).anyMatch(n -> n < 1) || layers[layers.length - 1] < 2) {
      throw new IllegalArgumentException("layers must list at least an input and an output size, each >= 1, "
          + "and at least 2 classes; got " + Arrays.toString(layers));
    }
    return layers;
  }

  public static MLReader<SGDMultilayerPerceptronClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static SGDMultilayerPerceptronClassifier load(String path) {
    return read().load(path);
  }
}
