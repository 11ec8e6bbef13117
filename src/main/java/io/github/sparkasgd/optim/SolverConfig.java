package io.github.sparkasgd.optim;

import io.github.sparkasgd.objective.Objective;
import java.io.Serializable;

/**
 * Everything a solver needs besides the data: the objective and the optimisation settings, already
 * validated by the estimator's params. A {@code stepSize} of 0 asks the solver to pick one.
 *
 * @param maxIter epochs for the SGD solvers, iterations for {@code batch}
 * @param averagingInterval SimuParallelSGD: average every this many epochs; 0 = once at the end
 * @param async settings of the async solver
 * @param start where the step schedule starts: {@link TrainingState#FRESH}, or an initial model's state
 *     to continue (its position offsets every schedule; its step is taken when {@code stepSize} is 0)
 */
public record SolverConfig(
    Objective objective,
    double stepSize,
    StepSchedule schedule,
    int maxIter,
    int miniBatchSize,
    double tol,
    long seed,
    int averagingInterval,
    AsyncSettings async,
    TrainingState start) implements Serializable {

  /** This config at a constant unit step: for objectives that need no step size. */
  public SolverConfig withUnitSteps() {
    return new SolverConfig(objective, 1.0, StepSchedule.CONSTANT, maxIter, miniBatchSize, tol, seed,
        averagingInterval, async, start);
  }

  /** This config training {@code other} instead of its objective. */
  public SolverConfig withObjective(Objective other) {
    return new SolverConfig(other, stepSize, schedule, maxIter, miniBatchSize, tol, seed, averagingInterval,
        async, start);
  }

  /** The schedule's step at {@code epochs} into this fit (its start's position added). */
  public double stepAt(double epochs) {
    return schedule.step(stepSize, start.epochs() + epochs);
  }

  /** This config with another initial step size. */
  public SolverConfig withStepSize(double eta) {
    return new SolverConfig(objective, eta, schedule, maxIter, miniBatchSize, tol, seed, averagingInterval,
        async, start);
  }
}
