package io.github.sparkasgd.optim;

import io.github.sparkasgd.exchange.ExchangeStats;

/**
 * A solver's output: the weights in {@link io.github.sparkasgd.objective.LinearLayout} order, the
 * history it recorded, how many iterations (epochs for SGD solvers) it ran and, for {@code async},
 * the exchange statistics (null otherwise).
 */
public record TrainingResult(double[] weights, TrainingHistory history, int totalIterations,
    ExchangeStats exchangeStats) {

  public TrainingResult(double[] weights, TrainingHistory history, int totalIterations) {
    this(weights, history, totalIterations, null);
  }
}
