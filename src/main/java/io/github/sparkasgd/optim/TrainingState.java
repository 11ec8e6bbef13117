package io.github.sparkasgd.optim;

import java.io.Serializable;

/**
 * Where a fit left its step schedule, so that a fit warm-started from its model continues the schedule
 * instead of restarting it (the parameters themselves travel as the initial weights).
 *
 * @param epochs the schedule's position: epochs (for {@code batch} iterations) run since the first fit
 *     of the chain began; fractional for {@code async} and {@code minibatch}, whose schedule advances
 *     within an epoch
 * @param stepSize the schedule's base step; 0 when there is none to continue
 * @param automaticStep whether the solver picked the step (then each row's step was capped, see
 *     {@link io.github.sparkasgd.objective.Objective#withCappedRowSteps}) rather than being given it
 */
public record TrainingState(double epochs, double stepSize, boolean automaticStep) implements Serializable {
  /** A fit that starts its schedule from the beginning. */
  public static final TrainingState FRESH = new TrainingState(0.0, 0.0, false);

  public TrainingState {
    if (!(epochs >= 0) || !(stepSize >= 0) || Double.isInfinite(epochs) || Double.isInfinite(stepSize)) {
      throw new IllegalArgumentException("training state needs finite epochs >= 0 and step size >= 0, got "
          + epochs + " and " + stepSize);
    }
  }
}
