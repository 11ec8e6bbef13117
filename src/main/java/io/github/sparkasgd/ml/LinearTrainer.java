package io.github.sparkasgd.ml;

import io.github.sparkasgd.data.InputSpec;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.LinearObjective;
import io.github.sparkasgd.optim.AsyncSettings;
import io.github.sparkasgd.optim.ProgressListener;
import io.github.sparkasgd.optim.Solver;
import io.github.sparkasgd.optim.SolverConfig;
import io.github.sparkasgd.optim.Solvers;
import io.github.sparkasgd.optim.StepSchedule;
import io.github.sparkasgd.optim.TrainingHistory;
import io.github.sparkasgd.optim.TrainingResult;

/** Turns an estimator's params into a solver run; shared by every linear estimator. */
public final class LinearTrainer {
  private LinearTrainer() {}

  /** The input description for {@link TrainingData#build}. */
  public static InputSpec inputSpec(SGDParams params, String featuresCol, String labelCol,
      boolean classification, int declaredClasses) {
    boolean spread = Solvers.assumesRandomRows(params.getSolver());
    return new InputSpec(featuresCol, labelCol, params.getWeightCol(), classification,
        declaredClasses, params.getNumWorkers(), params.getSeed(), spread);
  }

  /** Runs the configured solver from {@code initialWeights}. */
  public static TrainingResult run(TrainingData data, LinearObjective objective, SGDParams params,
      double[] initialWeights, long startNanos, ProgressListener listener) {
    SolverConfig config = new SolverConfig(objective, params.getStepSize(),
        StepSchedule.fromParam(params.getStepSchedule()), params.getMaxIter(),
        params.getMiniBatchSize(), params.getTol(), params.getSeed(), params.getAveragingInterval(),
        new AsyncSettings(params.getExchange(), params.getStaleness(), params.getStalenessAwareStep(),
            params.getSyncInterval(), params.getThreadsPerWorker(), params.getTimeBudget(),
            params.getAsgdBuffers()));
    Solver solver = Solvers.forName(params.getSolver());
    TrainingHistory history = new TrainingHistory(solver.name(), startNanos, listener);
    return solver.solve(data, config, initialWeights, history);
  }

  public static SGDTrainingSummary summary(TrainingResult result) {
    TrainingHistory h = result.history();
    return new SGDTrainingSummary(h.solver(), h.objectives(), h.seconds(), result.totalIterations(),
        result.exchangeStats());
  }
}
