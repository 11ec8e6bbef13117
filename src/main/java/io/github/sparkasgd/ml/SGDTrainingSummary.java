package io.github.sparkasgd.ml;

import io.github.sparkasgd.exchange.ExchangeStats;
import java.io.Serializable;

/**
 * How a fit went. For {@code batch} each history entry is the exact training objective at an
 * iterate; for the SGD solvers it is the epoch's progressive objective (each row's loss just before
 * its own update, averaged over the epoch, plus the penalty), which costs no extra pass.
 */
public final class SGDTrainingSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String solver;
  private final double[] objectiveHistory;
  private final double[] timeHistory;
  private final int totalIterations;
  private final ExchangeStats exchangeStats;
  private final double stepSize;

  public SGDTrainingSummary(String solver, double[] objectiveHistory, double[] timeHistory, int totalIterations,
      ExchangeStats exchangeStats, double stepSize) {
    this.solver = solver;
    this.stepSize = stepSize;
    this.objectiveHistory = objectiveHistory.clone();
    this.timeHistory = timeHistory.clone();
    this.totalIterations = totalIterations;
    this.exchangeStats = exchangeStats;
  }

  /** The solver that trained the model. */
  public String solver() {
    return solver;
  }

  /** Training objective per epoch (SGD solvers) or iteration (batch). */
  public double[] objectiveHistory() {
    return objectiveHistory.clone();
  }

  /** Seconds since the fit started, for each entry of {@link #objectiveHistory()}. */
  public double[] timeHistory() {
    return timeHistory.clone();
  }

  /** Epochs (SGD solvers; for async the most any worker ran) or iterations (batch) run. */
  public int totalIterations() {
    return totalIterations;
  }

  /**
   * The initial step size the solver ran with: the {@code stepSize} param when set, otherwise the one
   * it picked (for {@code batch}, the first of its Barzilai-Borwein steps), in the scaled space the
   * solver trains in.
   */
  public double stepSize() {
    return stepSize;
  }

  /** Pushes, bytes, round trips and staleness of an {@code async} fit; null for the other solvers. */
  public ExchangeStats exchangeStats() {
    return exchangeStats;
  }
}
