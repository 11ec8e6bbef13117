package io.github.sparkasgd.optim;

import io.github.sparkasgd.exchange.ExchangeStats;

/**
 * A solver's output: the objective's parameters (its flat layout), the
 * history it recorded, how many iterations (epochs for SGD solvers) it ran, for {@code async}
 * the exchange statistics (null otherwise), and how far its step schedule advanced.
 *
 * @param scheduleEpochs the schedule position this fit added ({@link TrainingState#epochs})
 */
public record TrainingResult(double[] weights, TrainingHistory history, int totalIterations,
    ExchangeStats exchangeStats, double scheduleEpochs) {

  /** @throws IllegalStateException when a weight is not finite: see {@link FiniteCheck} */
  public TrainingResult {
    FiniteCheck.requireFinite(weights, "Fit failed (solver " + history.solver() + ")");
  }

  /** A result whose schedule advanced one unit per iteration. */
  public TrainingResult(double[] weights, TrainingHistory history, int totalIterations) {
    this(weights, history, totalIterations, null, totalIterations);
  }

  /** Where a fit that started at {@code start} left its schedule: what a warm start from it continues. */
  public TrainingState endState(TrainingState start) {
    double step = Double.isNaN(history.stepSize()) ? 0.0 : history.stepSize();
    return new TrainingState(start.epochs() + scheduleEpochs, step, history.automaticStep());
  }
}
