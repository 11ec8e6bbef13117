package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.TrainingData;

/** One way of minimising an {@link io.github.sparkasgd.objective.Objective} over cached blocks. */
public interface Solver {

  /**
   * Minimises the objective starting from {@code initialWeights} (not modified).
   *
   * @param history where the solver records its objective; its start time is the fit's
   */
  TrainingResult solve(TrainingData data, SolverConfig config, double[] initialWeights, TrainingHistory history);
}
