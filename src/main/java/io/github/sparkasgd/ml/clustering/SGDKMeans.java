package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.data.InputSpec;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.data.ValuePrecision;
import io.github.sparkasgd.ml.FitLabel;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.ml.SGDSetters;
import io.github.sparkasgd.ml.SolverRun;
import io.github.sparkasgd.objective.KMeansObjective;
import io.github.sparkasgd.optim.DataLoss;
import io.github.sparkasgd.optim.ProgressListener;
import io.github.sparkasgd.optim.Solvers;
import io.github.sparkasgd.optim.TrainingResult;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * K-means clustering, {@code min_C sum_i weight_i min_j ||x_i - c_j||^2}, on any of the library's
 * solvers: {@code batch} is Lloyd's algorithm as one Spark job per iteration (MLlib's KMeans and seed
 * 000's BATCH), {@code minibatch} Sculley's mini-batch k-means, {@code simuparallel} and {@code async}
 * (the default) per-sample updates at per-centre rates {@code 1/count}; none needs a step size. The
 * initial centres are MLlib's ({@code initMode} k-means|| or random; see {@link KMeansInit}), and
 * centres no row comes nearest to stay where they started. {@code maxIter} counts iterations for
 * {@code batch} and epochs for the others (default 20, as MLlib's).
 */
public final class SGDKMeans extends Estimator<SGDKMeansModel>
    implements KMeansParams, SGDSetters<SGDKMeans>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** The one loss: squared Euclidean distance. */
  static final List<String> LOSSES = List.of("squared");

  private final SGDParamSet sgdParams;
  private final KMeansParamSet kmeansParams;
  private transient ProgressListener progressListener;

  public SGDKMeans() {
    this(Identifiable$.MODULE$.randomUID("sgdKMeans"));
  }

  public SGDKMeans(String uid) {
    this(PendingUid.stage(uid), true);
  }

  private SGDKMeans(String uid, boolean staged) {
    this.sgdParams = SGDParamSet.create(this, uid, LOSSES);
    this.kmeansParams = new KMeansParamSet(this, uid, sgdParams);
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
  public KMeansParamSet kmeansParams() {
    return kmeansParams;
  }

  public SGDKMeans setK(int value) {
    return (SGDKMeans) set(k(), value);
  }

  public SGDKMeans setInitMode(String value) {
    return (SGDKMeans) set(initMode(), value);
  }

  public SGDKMeans setInitSteps(int value) {
    return (SGDKMeans) set(initSteps(), value);
  }

  public SGDKMeans setFeaturesCol(String value) {
    return (SGDKMeans) set(featuresCol(), value);
  }

  public SGDKMeans setPredictionCol(String value) {
    return (SGDKMeans) set(predictionCol(), value);
  }

  /** Called on the driver after every epoch/iteration; not a param, so not copied or saved. */
  public SGDKMeans setProgressListener(ProgressListener listener) {
    this.progressListener = listener;
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return KMeansSchema.validateAndTransform(schema, this);
  }

  @Override
  public SGDKMeansModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    long start = System.nanoTime();
    InputSpec spec = InputSpec.unlabelled(getFeaturesCol(), getWeightCol(), getNumWorkers(), getSeed(),
        Solvers.assumesRandomRows(getSolver()), ValuePrecision.fromParam(getFeaturePrecision()));
    // The blocks first: they validate every row (NaN, sizes, weights) before MLlib reads the input.
    try (FitLabel label = FitLabel.open(dataset.sparkSession().sparkContext(), this);
        TrainingData data = TrainingData.build(dataset, spec)) {
      ClusterCentres init = KMeansInit.centres(dataset, this);
      KMeansObjective objective = new KMeansObjective(init.k(), data.numFeatures());
      TrainingResult result = SolverRun.solve(data, objective, this, objective.initialWeights(init.values()),
          start, label.listener(progressListener));
      ClusterCentres centres = new ClusterCentres(init.k(), data.numFeatures(), objective.centres(result.weights()));
      double cost = DataLoss.weightedSum(data, objective, result.weights());
      SGDKMeansModel model = copyValues(new SGDKMeansModel(uid(), centres), ParamMap.empty());
      model.setParent(this);
      return model.withSummary(new SGDKMeansSummary(SolverRun.summary(result, 1.0), cost));
    }
  }

  @Override
  public SGDKMeans copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<SGDKMeans> read() {
    return new DefaultParamsReader<>();
  }

  public static SGDKMeans load(String path) {
    return read().load(path);
  }
}
