package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;
import java.io.Serializable;

/**
 * A model's training objective, {@code F(w) = (1/W) sum_i weight_i * loss_i(w) + penalty(w)}, over one
 * flat {@code double[]} of {@link #size()} parameters: the only thing solvers and the exchange know
 * about the model they train. Linear models ({@link LinearObjective}) are one implementation; k-means
 * ({@link KMeansObjective}: centres row-major, then per-centre counts) and an MLP (layers'
 * weights flattened, dense mini-batch kernels in {@link #addGradient(Block, int, int, double[], double[],
 * Scratch)}) fit the same methods.
 *
 * <p>Threading: an objective is immutable and shared by every thread and task of a fit (it travels in
 * the solver's closure). What a thread mutates lives in objects it asks the objective for, one per
 * thread: a {@link Scratch} for loss and gradient calls, an {@link SgdStepper} for in-place steps.
 * Nothing here allocates per row.
 */
public interface Objective extends Serializable {

  /** Per-thread buffers for {@link #loss} and {@link #addGradient}; opaque to callers. */
  interface Scratch {}

  /** Number of parameters: the length of every weight and gradient array the solvers pass in. */
  int size();

  /** Fresh buffers for one thread. */
  Scratch newScratch();

  /** The unweighted loss of one row at {@code w}. */
  double loss(Block block, int row, double[] w, Scratch scratch);

  /**
   * {@code sum_r weight_r * loss_r} over rows {@code [from, to)} at {@code w}, rows of weight 0 skipped:
   * a cost pass. A model with work per pass that does not depend on the row (k-means' centre norms)
   * overrides it to do that work once.
   */
  default double weightedLoss(Block block, int from, int to, double[] w, Scratch scratch) {
    double loss = 0.0;
    for (int row = from; row < to; row++) {
      double weight = block.weight(row);
      if (weight != 0.0) {
        loss += weight * loss(block, row, w, scratch);
      }
    }
    return loss;
  }

  /**
   * Adds {@code scale * d loss_row / dw} into {@code grad} and returns the row's unscaled loss.
   * Callers fold the row's weight into {@code scale}.
   */
  double addGradient(Block block, int row, double scale, double[] w, double[] grad, Scratch scratch);

  /**
   * A mini-batch: adds {@code sum_r weight_r * d loss_r / dw} over rows {@code [from, to)} of the block
   * into {@code grad} and returns {@code sum_r weight_r * loss_r}; rows of weight 0 are skipped. Blocks
   * store rows in random order, so a range is a uniform sample: a model with batched kernels (an MLP's
   * matrix-matrix forward and backward pass) overrides this, the others step row by row.
   */
  default double addGradient(Block block, int from, int to, double[] w, double[] grad, Scratch scratch) {
    double loss = 0.0;
    for (int row = from; row < to; row++) {
      double weight = block.weight(row);
      if (weight != 0.0) {
        loss += weight * addGradient(block, row, weight, w, grad, scratch);
      }
    }
    return loss;
  }

  /**
   * The thread's in-place SGD step on {@code w}: the hook through which a model defers work per step
   * (the linear models' lazy penalty on sparse rows, k-means' per-centre rates).
   *
   * @param sparseRows whether any rows will come from a sparse block
   */
  SgdStepper newStepper(double[] w, boolean sparseRows);

  /** The penalty term at {@code w} (0 for a model without one). */
  double penalty(double[] w);

  /**
   * One full- or mini-batch step in place: {@code w <- prox_eta(w - scale * gradient)}, where
   * {@code gradient} is a sum of {@link #addGradient} calls and prox the penalty's proximal map for
   * step {@code eta}. A model whose batch step is not a gradient step (Lloyd's: centres move to their
   * rows' means) overrides it.
   */
  void descend(double[] w, double[] gradient, double scale, double eta);

  /**
   * Whether mini-batch steps may run on each partition's own copy of the parameters, from common ones,
   * and be merged afterwards with nothing lost ({@link #addLocalChange}, {@link #mergeLocalChanges}):
   * then {@code minibatch} runs an epoch's mini-batches inside one Spark job instead of one job each.
   * K-means can (its centres are running means, which merge exactly by their counts); a gradient step
   * cannot (averaged local steps are local SGD, another algorithm).
   */
  default boolean mergesLocalSteps() {
    return false;
  }

  /**
   * Adds a partition's local change, from {@code start} to {@code local}, into {@code changes} in the
   * form {@link #mergeLocalChanges} sums; only where {@link #mergesLocalSteps()}.
   */
  default void addLocalChange(double[] start, double[] local, double[] changes) {
    throw new UnsupportedOperationException("local steps of this model do not merge");
  }

  /** Applies the partitions' summed {@link #addLocalChange} results to {@code w}, their common start. */
  default void mergeLocalChanges(double[] w, double[] changes) {
    throw new UnsupportedOperationException("local steps of this model do not merge");
  }

  /**
   * Whether the model's steps need a step size. One that needs none (k-means, whose per-centre rates
   * come from its counts) is trained at a constant unit step: the step-size search is skipped, and
   * {@code batch} takes {@link #batchStep} instead of line-searched gradient steps.
   */
  default boolean needsStepSize() {
    return true;
  }

  /**
   * The {@code batch} solver's step of a model that needs no step size, from the mean of
   * {@link #addGradient} over every row: a closed-form minimisation where the model has one (Lloyd's
   * step for k-means). By default a unit gradient step.
   */
  default void batchStep(double[] w, double[] meanGradient) {
    descend(w, meanGradient, 1.0, 1.0);
  }

  /**
   * This objective with each row's SGD step capped where the model knows a safe bound (linear models:
   * at the minimum of the row's quadratic model); by default itself. What an automatically picked step
   * runs with: a step the user set is taken as given, divergence included.
   */
  default Objective withCappedRowSteps() {
    return this;
  }

  /**
   * A row's curvature along the step direction at unit step: the mean over rows, inverted, is a
   * scale-free first step for the step-size search ({@code ||x||^2}, plus 1 for an intercept, for
   * linear models with a unit-curvature loss).
   */
  double curvature(Block block, int row, Scratch scratch);

  /** Array values one SGD step touches on a row that stores {@code storedValuesPerRow} values. */
  double valuesPerStep(double storedValuesPerRow);
}
