package io.github.sparkasgd.ml;

import io.github.sparkasgd.data.ValuePrecision;
import io.github.sparkasgd.exchange.FrameCodec;
import io.github.sparkasgd.exchange.compress.CompressionSpec;
import io.github.sparkasgd.exchange.gossip.GossipGraph;
import io.github.sparkasgd.optim.AsyncSettings;
import io.github.sparkasgd.optim.AsyncSolver;
import io.github.sparkasgd.optim.Solvers;
import io.github.sparkasgd.optim.StepSchedule;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The Param objects of one estimator or model, created once its uid is known. Estimators and models
 * of both families expose them through {@link SGDParams}, so each param is declared exactly once.
 */
public final class SGDParamSet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  public final Param<String> weightCol;
  public final Param<String> solver;
  public final Param<String> loss;
  public final IntParam maxIter;
  public final DoubleParam stepSize;
  public final Param<String> stepSchedule;
  public final IntParam miniBatchSize;
  public final DoubleParam regParam;
  public final DoubleParam elasticNetParam;
  public final BooleanParam fitIntercept;
  public final BooleanParam standardization;
  public final Param<String> featurePrecision;
  public final DoubleParam tol;
  public final LongParam seed;
  public final IntParam numWorkers;
  public final IntParam averagingInterval;
  public final Param<String> exchange;
  public final IntParam staleness;
  public final BooleanParam stalenessAwareStep;
  public final IntParam syncInterval;
  public final IntParam threadsPerWorker;
  public final DoubleParam timeBudget;
  public final IntParam asgdBuffers;
  public final Param<String> gossipGraph;
  public final Param<String> compression;
  public final IntParam compressionLevels;
  public final DoubleParam compressionFraction;
  public final DoubleParam compressionThreshold;
  public final IntParam backupWorkers;

  /**
   * The params of a stage whose constructor staged {@code uid} with {@link PendingUid#stage}: creates
   * them with the stage as parent, registers their defaults on it and ends the staging window.
   *
   * @param losses the allowed values of {@code loss}; the first is the default
   */
  public static SGDParamSet create(Params owner, String uid, List<String> losses) {
    try {
      return new SGDParamSet(owner, uid, losses);
    } finally {
      PendingUid.clear();
    }
  }

  /**
   * The uid of the stage that holds {@code params}: theirs once created, the staged one while Spark's
   * constructors (which read {@code uid()} before the stage's own fields are set) still run.
   */
  public static String uid(SGDParamSet params) {
    return params != null ? params.uid : PendingUid.current();
  }

  private SGDParamSet(Params owner, String uid, List<String> losses) {
    this.uid = uid;
    weightCol = new Param<>(uid, "weightCol",
        "weight column name; rows weigh 1 when empty");
    solver = new Param<>(uid, "solver", "optimisation algorithm, one of " + Solvers.NAMES,
        ParamValidators.inArray(Solvers.NAMES));
    loss = new Param<>(uid, "loss", "loss function, one of " + losses, ParamValidators.inArray(losses));
    maxIter = new IntParam(uid, "maxIter",
        "maximum number of epochs (SGD solvers) or iterations (batch) (>= 0)", ParamValidators.gtEq(0));
    stepSize = new DoubleParam(uid, "stepSize",
        "initial learning rate; 0 picks it automatically: the best of a grid of trial runs on a sample of the "
            + "rows (SGD solvers), Barzilai-Borwein steps with a line search (batch) (>= 0)",
        ParamValidators.gtEq(0));
    List<String> schedules = Arrays.stream(StepSchedule.values()).map(StepSchedule::paramValue).toList();
    stepSchedule = new Param<>(uid, "stepSchedule",
        "learning rate decay over epochs e: constant (eta), invsqrt (eta/sqrt(1+e)) or inverse (eta/(1+e))",
        ParamValidators.inArray(schedules));
    miniBatchSize = new IntParam(uid, "miniBatchSize",
        "rows per mini-batch for the minibatch solver (>= 1)", ParamValidators.gtEq(1));
    regParam = new DoubleParam(uid, "regParam", "regularization strength (>= 0)", ParamValidators.gtEq(0));
    elasticNetParam = new DoubleParam(uid, "elasticNetParam",
        "ElasticNet mixing: 0 is L2, 1 is L1 (in [0, 1])", ParamValidators.inRange(0, 1));
    fitIntercept = new BooleanParam(uid, "fitIntercept", "whether to fit an intercept term");
    standardization = new BooleanParam(uid, "standardization",
        "whether to train on features scaled to unit standard deviation (dense features also centred); the "
            + "model is returned in the original feature space and the penalty applies to the scaled "
            + "coefficients, as MLlib");
    List<String> precisions = Arrays.stream(ValuePrecision.values()).map(ValuePrecision::paramValue).toList();
    featurePrecision = new Param<>(uid, "featurePrecision",
        "how the cached training blocks store feature values: float32 (half the memory; margins, gradients "
            + "and weights are still computed in double; dense blocks only where the JVM has the "
            + "jdk.incubator.vector module, else double) or float64", ParamValidators.inArray(precisions));
    tol = new DoubleParam(uid, "tol",
        "stop when the best objective of the last few epochs (3; 5 iterations for batch) improves on the best "
            + "before them by at most this fraction (>= 0; 0 runs all maxIter)",
        ParamValidators.gtEq(0));
    seed = new LongParam(uid, "seed", "random seed");
    numWorkers = new IntParam(uid, "numWorkers",
        "partitions to train on; 0 keeps the input's partitioning (>= 0)", ParamValidators.gtEq(0));
    averagingInterval = new IntParam(uid, "averagingInterval",
        "simuparallel: average the partitions' models every this many epochs; 0 averages once at the end (>= 0)",
        ParamValidators.gtEq(0));
    List<String> exchanges = List.of(AsyncSettings.DELTA, AsyncSettings.ASGD, AsyncSettings.GOSSIP,
        AsyncSettings.NONE);
    exchange = new Param<>(uid, "exchange",
        "async: delta (parameter server: push changes, pull the global model), asgd (exchange states, "
            + "Parzen-window merge), gossip (decentralized: each worker averages with its neighbours on "
            + "gossipGraph, no central model) or none (workers train alone, averaged at the end)",
        ParamValidators.inArray(exchanges));
    staleness = new IntParam(uid, "staleness",
        "async: -1 fully asynchronous, 0 bulk synchronous, s: a worker waits when s exchanges ahead of the "
            + "slowest (>= -1)", ParamValidators.gtEq(-1));
    stalenessAwareStep = new BooleanParam(uid, "stalenessAwareStep",
        "async delta: scale each pushed change by 1/(1+staleness), the pushes of other workers since "
            + "this one's last reply");
    syncInterval = new IntParam(uid, "syncInterval",
        "async: local steps (over a worker's threads) between exchanges with the driver; 0 picks it "
            + "from the model size and the rows' density, at least 1000 (>= 0)",
        ParamValidators.gtEq(0));
    threadsPerWorker = new IntParam(uid, "threadsPerWorker",
        "async: Hogwild! threads per worker task; 0 means spark.task.cpus (>= 0)", ParamValidators.gtEq(0));
    timeBudget = new DoubleParam(uid, "timeBudget",
        "async: stop after this many seconds; 0 means no budget (>= 0)", ParamValidators.gtEq(0));
    asgdBuffers = new IntParam(uid, "asgdBuffers",
        "async asgd: external states each worker's mailbox keeps, newest winning (>= 1)", ParamValidators.gtEq(1));
    gossipGraph = new Param<>(uid, "gossipGraph",
        "async gossip: which workers average with which: ring, complete, or edges between worker indices such "
            + "as 0-1,1-2,2-0 (connected over all the fit's workers, no self loops)",
        new WellFormedGraph());
    compression = new Param<>(uid, "compression",
        "async delta pushes and replies, minibatch gradients: none, qsgd (stochastic rounding to compressionLevels levels of "
            + "|v_i|/||v||, unbiased), topk (the compressionFraction largest coordinates, the rest kept for the "
            + "next exchange) or threshold (coordinates whose change exceeds compressionThreshold, the rest kept)",
        ParamValidators.inArray(CompressionSpec.METHODS));
    compressionLevels = new IntParam(uid, "compressionLevels",
        "compression qsgd: levels s of |v_i|/||v|| (1.." + FrameCodec.MAX_QSGD_LEVELS + ")",
        ParamValidators.inRange(1, FrameCodec.MAX_QSGD_LEVELS));
    compressionFraction = new DoubleParam(uid, "compressionFraction",
        "compression topk: the fraction of the model's coordinates each message carries (0, 1]",
        ParamValidators.inRange(0, 1, false, true));
    compressionThreshold = new DoubleParam(uid, "compressionThreshold",
        "compression threshold: the magnitude (standardized units) a coordinate's accumulated change must "
            + "exceed to travel (> 0)", ParamValidators.gt(0));
    backupWorkers = new IntParam(uid, "backupWorkers",
        "async delta: synchronous rounds, each applied once numWorkers - backupWorkers workers pushed for it; "
            + "later pushes for it are dropped and their workers continue from the new model; numWorkers "
            + "counts the backups (>= 0, below numWorkers)", ParamValidators.gtEq(0));

    owner.setDefault(weightCol, "");
    owner.setDefault(solver, AsyncSolver.NAME);
    owner.setDefault(loss, losses.get(0));
    owner.setDefault(maxIter, 100);
    owner.setDefault(stepSize, 0.0);
    owner.setDefault(stepSchedule, StepSchedule.INVERSE.paramValue());
    owner.setDefault(miniBatchSize, 256);
    owner.setDefault(regParam, 0.0);
    owner.setDefault(elasticNetParam, 0.0);
    owner.setDefault(fitIntercept, true);
    owner.setDefault(standardization, true);
    owner.setDefault(featurePrecision, ValuePrecision.FLOAT32.paramValue());
    owner.setDefault(tol, 1e-4);
    owner.setDefault(seed, (long) owner.getClass().getName().hashCode());
    owner.setDefault(numWorkers, 0);
    owner.setDefault(averagingInterval, 0);
    AsyncSettings async = AsyncSettings.defaults();
    owner.setDefault(exchange, async.exchange());
    owner.setDefault(staleness, async.staleness());
    owner.setDefault(stalenessAwareStep, async.stalenessAwareStep());
    owner.setDefault(syncInterval, async.syncInterval());
    owner.setDefault(threadsPerWorker, async.threadsPerWorker());
    owner.setDefault(timeBudget, async.timeBudget());
    owner.setDefault(asgdBuffers, async.asgdBuffers());
    owner.setDefault(gossipGraph, async.gossipGraph());
    owner.setDefault(compression, async.compression().method());
    owner.setDefault(compressionLevels, async.compression().levels());
    owner.setDefault(compressionFraction, async.compression().fraction());
    owner.setDefault(compressionThreshold, async.compression().threshold());
    owner.setDefault(backupWorkers, async.backupWorkers());
  }

  /** The {@code gossipGraph} param's check (the graph against the workers waits for the fit); serializable with the params. */
  private static final class WellFormedGraph extends scala.runtime.AbstractFunction1<String, Object>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(String spec) {
      return GossipGraph.isWellFormed(spec);
    }
  }
}
