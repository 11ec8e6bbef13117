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

  /**
   * Rows one step takes: 1 for steppers that step row by row (the default); more for a model whose
   * kernels pay on mini-batches (an MLP's matrix products), which takes rows through {@link #queue}
   * and steps on them with {@link #stepQueued}.
   */
  default int batchRows() {
    return 1;
  }

  /** Adds a row of weight {@code weight} to the next {@link #stepQueued}; only where {@link #batchRows()} > 1. */
  default void queue(Block block, int row, double weight) {
    throw new UnsupportedOperationException("this stepper steps row by row");
  }

  /**
   * One step on the queued rows' mean gradient, each row's scaled by {@code scale} times its weight:
   * {@code w <- prox(w - eta * (1/m) sum_r scale * weight_r * grad loss_r(w))}; empties the queue.
   *
   * @return {@code sum_r weight_r * loss_r} before the step
   */
  default double stepQueued(double eta, double scale) {
    throw new UnsupportedOperationException("this stepper steps row by row");
  }
}
