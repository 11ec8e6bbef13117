package io.github.sparkasgd.optim;

import io.github.sparkasgd.exchange.ExchangeStats;

/**
 * A solver's output: the objective's parameters (its flat layout), the
 * history it recorded, how many iterations (epochs for SGD solvers) it ran and, for {@code async},
 * the exchange statistics (null otherwise).
 */
public record TrainingResult(double[] weights, TrainingHistory history, int totalIterations,
    ExchangeStats exchangeStats) {

  /** @throws IllegalStateException when a weight is not finite: see {@link FiniteCheck} */
  public TrainingResult {
    FiniteCheck.requireFinite(weights, "Fit failed (solver " + history.solver() + ")");
  }

  public TrainingResult(double[] weights, TrainingHistory history, int totalIterations) {
    this(weights, history, totalIterations, null);
  }
}
