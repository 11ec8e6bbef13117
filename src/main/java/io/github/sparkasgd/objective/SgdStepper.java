package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;

/**
 * Plain SGD on one row at a time, writing a weight array in place; what {@link Objective#newStepper}
 * returns. It may keep updates owed to coordinates the rows have not touched yet (a lazy penalty on
 * sparse rows): {@link #flush()} settles them.
 *
 * <p>Threading: one thread steps a stepper. Several steppers may share the weight array (Hogwild!); a
 * stepper's deferred state covers only its own steps.
 */
public interface SgdStepper {

  /**
   * One step on {@code row}: {@code w <- prox(w - eta * scale * grad loss_row(w))}.
   *
   * @return the row's loss before the step (for progressive validation)
   */
  double step(Block block, int row, double eta, double scale);

  /** Brings every coordinate up to date; call before the weights are read from outside. */
  void flush();
}
