package io.github.sparkasgd.ml;

import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.exchange.compress.CompressionSpec;
import io.github.sparkasgd.objective.Objective;
import io.github.sparkasgd.optim.AsyncSettings;
import io.github.sparkasgd.optim.AsyncSolver;
import io.github.sparkasgd.optim.MiniBatchSolver;
import io.github.sparkasgd.optim.ProgressListener;
import io.github.sparkasgd.optim.SolverConfig;
import io.github.sparkasgd.optim.Solvers;
import io.github.sparkasgd.optim.StepSchedule;
import io.github.sparkasgd.optim.TrainingHistory;
import io.github.sparkasgd.optim.TrainingResult;
import io.github.sparkasgd.optim.TrainingState;

/** Runs the solver an estimator's {@link SGDParams} select on any objective; shared by every estimator. */
public final class SolverRun {
  private SolverRun() {}

  /**
   * The solver settings the params ask for, continuing the schedule {@code start} left. A step the
   * initial fit was given is given again unless {@code stepSize} is set; a picked one is continued by
   * the solver (see {@link TrainingState#automaticStep}).
   */
  public static SolverConfig config(Objective objective, SGDParams params, TrainingState start) {
    double stepSize = params.getStepSize() == 0 && !start.automaticStep() ? start.stepSize() : params.getStepSize();
    return new SolverConfig(objective, stepSize,
        StepSchedule.fromParam(params.getStepSchedule()), params.getMaxIter(),
        params.getMiniBatchSize(), params.getTol(), params.getSeed(), params.getAveragingInterval(),
        new AsyncSettings(params.getExchange(), params.getStaleness(), params.getStalenessAwareStep(),
            params.getSyncInterval(), params.getThreadsPerWorker(), params.getTimeBudget(),
            params.getAsgdBuffers(), params.getGossipGraph(), params.getNumWorkers(),
            new CompressionSpec(params.getCompression(), params.getCompressionLevels(),
                params.getCompressionFraction(), params.getCompressionThreshold()),
            params.getBackupWorkers()),
        start);
  }

  /**
   * Minimises {@code objective} over {@code data} from {@code initialWeights} with the selected solver,
   * its step schedule starting where {@code start} says ({@link TrainingState#FRESH} for a new fit).
   *
   * @param startNanos when the fit started: the history's time origin
   */
  public static TrainingResult solve(TrainingData data, Objective objective, SGDParams params,
      double[] initialWeights, TrainingState start, long startNanos, ProgressListener listener) {
    String solver = params.getSolver();
    if (!CompressionSpec.NONE.equals(params.getCompression()) && !solver.equals(AsyncSolver.NAME)
        && !solver.equals(MiniBatchSolver.NAME)) {
      throw new IllegalArgumentException("compression=" + params.getCompression() + " applies to solver=async "
          + "(exchange=delta) and solver=minibatch, not solver=" + solver);
    }
    TrainingHistory history = new TrainingHistory(solver, startNanos, listener);
    return Solvers.forName(params.getSolver()).solve(data, config(objective, params, start), initialWeights,
        history);
  }

  /** A fit that starts its schedule afresh. */
  public static TrainingResult solve(TrainingData data, Objective objective, SGDParams params,
      double[] initialWeights, long startNanos, ProgressListener listener) {
    return solve(data, objective, params, initialWeights, TrainingState.FRESH, startNanos, listener);
  }

  /** The fit's summary, its objectives multiplied by {@code objectiveScale} (back to the input's units). */
  public static SGDTrainingSummary summary(TrainingResult result, double objectiveScale) {
    TrainingHistory history = result.history();
    double[] objectives = history.objectives();
    for (int i = 0; i < objectives.length; i++) {
      objectives[i] *= objectiveScale;
    }
    return new SGDTrainingSummary(history.solver(), objectives, history.seconds(),
        result.totalIterations(), result.exchangeStats(), history.stepSize());
  }
}
