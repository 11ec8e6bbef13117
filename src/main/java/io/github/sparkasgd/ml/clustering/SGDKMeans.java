package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.data.InputSpec;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.data.ValuePrecision;
import io.github.sparkasgd.ml.EstimatorIO;
import io.github.sparkasgd.ml.FitLabel;
import io.github.sparkasgd.ml.HasInitialModel;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.ml.SGDSetters;
import io.github.sparkasgd.ml.SolverRun;
import io.github.sparkasgd.ml.WarmStart;
import io.github.sparkasgd.objective.KMeansObjective;
import io.github.sparkasgd.optim.DataLoss;
import io.github.sparkasgd.optim.ProgressListener;
import io.github.sparkasgd.optim.Solvers;
import io.github.sparkasgd.optim.TrainingResult;
import io.github.sparkasgd.optim.TrainingState;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * K-means clustering, {@code min_C sum_i weight_i min_j ||x_i - c_j||^2}, on any of the library's
 * solvers: {@code batch} is Lloyd's algorithm as one Spark job per iteration (MLlib's KMeans and seed
 * 000's BATCH), {@code minibatch} Sculley's mini-batch k-means, {@code simuparallel} and {@code async}
 * (the default) per-sample updates at per-centre rates {@code 1/count}; none needs a step size. The
 * initial centres come from the fit's cached blocks ({@code initMode} k-means|| or random, as MLlib's;
 * see {@link KMeansInit}) or an initial model ({@link #setInitialModel}, whose counts a fit on its
 * solver continues), and centres no row comes nearest to stay where they started. {@code maxIter}
 * counts iterations for {@code batch} and epochs for the others (default 20, as MLlib's).
 */
public final class SGDKMeans extends Estimator<SGDKMeansModel>
    implements KMeansParams, SGDSetters<SGDKMeans>, HasInitialModel<SGDKMeansModel, SGDKMeans>, MLWritable {
  private static final long serialVersionUID = 1L;

  /** The one loss: squared Euclidean distance. */
  static final List<String> LOSSES = List.of("squared");

  private final SGDParamSet sgdParams;
  private final KMeansParamSet kmeansParams;
  private final WarmStart<SGDKMeansModel> warmStart = new WarmStart<>();
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

  @Override
  public WarmStart<SGDKMeansModel> warmStart() {
    return warmStart;
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
    SGDKMeansModel initial = warmStart.get();
    if (initial != null) {
      WarmStart.requireSame("k", initial.centres().k(), getK());
    }
    InputSpec spec = InputSpec.unlabelled(getFeaturesCol(), getWeightCol(), getNumWorkers(), getSeed(),
        Solvers.assumesRandomRows(getSolver()), ValuePrecision.fromParam(getFeaturePrecision()));
    try (FitLabel label = FitLabel.open(dataset.sparkSession().sparkContext(), this);
        TrainingData data = TrainingData.build(dataset, spec)) {
      KMeansObjective objective;
      double[] init;
      TrainingState schedule = TrainingState.FRESH;
      if (initial == null) {
        ClusterCentres centres = KMeansInit.centres(data, this);
        objective = new KMeansObjective(centres.k(), data.numFeatures());
        init = objective.initialWeights(centres.values());
      } else {
        WarmStart.requireSame("numFeatures", initial.numFeatures(), data.numFeatures());
        objective = new KMeansObjective(getK(), data.numFeatures());
        schedule = WarmStart.schedule(this, initial, initial.trainingState());
        // Counts in the units of the solver that made them: another solver's start from its centres alone.
        double[] counts = initial.counts();
        init = schedule != TrainingState.FRESH && counts != null
            ? objective.initialWeights(initial.centres().values(), counts)
            : objective.initialWeights(initial.centres().values());
      }
      TrainingResult result = SolverRun.solve(data, objective, this, init, schedule, start,
          label.listener(progressListener));
      double[] w = result.weights();
      ClusterCentres centres = new ClusterCentres(objective.k(), data.numFeatures(), objective.centres(w));
      double cost = DataLoss.weightedSum(data, objective, w);
      SGDKMeansModel model = copyValues(new SGDKMeansModel(uid(), centres, objective.counts(w),
          result.endState(schedule)), ParamMap.empty());
      model.setParent(this);
      return model.withSummary(new SGDKMeansSummary(SolverRun.summary(result, 1.0), cost));
    }
  }

  @Override
  public SGDKMeans copy(ParamMap extra) {
    SGDKMeans copy = defaultCopy(extra);
    return copy.setInitialModel(warmStart.get());
  }

  /** Saves the params and the initial model, if one is set. */
  @Override
  public MLWriter write() {
    return new EstimatorIO.Writer(this, warmStart.get());
  }

  public static MLReader<SGDKMeans> read() {
    return new EstimatorIO.Reader<>(SGDKMeansModel::load);
  }

  public static SGDKMeans load(String path) {
    return read().load(path);
  }
}
