package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.ml.SGDTrainingSummary;
import java.io.Serializable;

/**
 * How an {@link SGDKMeans} fit went: MLlib's {@code trainingCost} next to the solver's trace. The
 * objective history is the mean squared distance per unit of row weight (for {@code batch} at each
 * iterate; for the SGD solvers each row's distance just before its own update, averaged per epoch).
 */
public final class SGDKMeansSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SGDTrainingSummary training;
  private final double trainingCost;

  SGDKMeansSummary(SGDTrainingSummary training, double trainingCost) {
    this.training = training;
    this.trainingCost = trainingCost;
  }

  /** Sum over the training rows of weight times squared distance to the nearest final centre, as MLlib's. */
  public double trainingCost() {
    return trainingCost;
  }

  /** The solver's objective per iteration (batch) or epoch (SGD solvers). */
  public double[] objectiveHistory() {
    return training.objectiveHistory();
  }

  /** Seconds since the fit started, for each entry of {@link #objectiveHistory()}. */
  public double[] timeHistory() {
    return training.timeHistory();
  }

  public int totalIterations() {
    return training.totalIterations();
  }

  public String solver() {
    return training.solver();
  }

  /** Exchange statistics of an {@code async} fit; null for the other solvers. */
  public ExchangeStats exchangeStats() {
    return training.exchangeStats();
  }
}
