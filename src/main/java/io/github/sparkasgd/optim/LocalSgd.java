package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.objective.Objective;
import io.github.sparkasgd.objective.SgdStepper;

/**
 * Plain SGD over rows in a given order, updating one weight array in place: the pass SimuParallelSGD
 * runs per partition, every async thread runs in slices between its checkpoints, and the step-size
 * search runs as its trials. The step itself is the objective's ({@link SgdStepper}).
 *
 * <p>Threading: one thread (the array it writes may be shared with other threads' instances).
 */
public final class LocalSgd {
  private final SgdStepper stepper;
  private double lastWeight;

  /**
   * @param w the weights to update in place
   * @param sparseRows whether any rows will come from a sparse block
   */
  public LocalSgd(Objective objective, double[] w, boolean sparseRows) {
    this.stepper = objective.newStepper(w, sparseRows);
  }

  /** One step on {@code row}; see {@link SgdStepper#step}. */
  public double step(Block block, int row, double eta, double scale) {
    return stepper.step(block, row, eta, scale);
  }

  /** Brings every coordinate up to date; call before reading the weights from outside. */
  public void flush() {
    stepper.flush();
  }

  /**
   * Steps on the rows {@code order[from:to]} of an epoch that visits the {@code order.length} rows in
   * that order, each at the schedule's step for its point in the epoch and scaled by its weight; rows
   * of weight 0 are passed over.
   *
   * @param epoch the schedule's position at the epoch's start
   * @return the weighted sum of the rows' losses, each taken just before its step
   */
  double pass(WorkerRows rows, int[] order, int from, int to, double epoch, StepSchedule schedule,
      double stepSize) {
    if (stepper.batchRows() > 1) {
      return batchedPass(rows, order, from, to, epoch, schedule, stepSize);
    }
    int n = order.length;
    double loss = 0.0;
    double weightSum = 0.0;
    for (int i = from; i < to; i++) {
      Block block = rows.block(order[i]);
      int row = rows.row(order[i]);
      double weight = block.weight(row);
      if (weight != 0.0) {
        double eta = schedule.step(stepSize, epoch + (double) i / n);
        loss += weight * stepper.step(block, row, eta, rows.rowScale() * weight);
        weightSum += weight;
      }
    }
    lastWeight = weightSum;
    return loss;
  }

  /**
   * {@link #pass} for a stepper that steps on mini-batches: consecutive runs of {@link #batchRows()}
   * rows of the order (the last one shorter where the range ends), each at the schedule's step for
   * the point in the epoch where the batch ends.
   */
  private double batchedPass(WorkerRows rows, int[] order, int from, int to, double epoch, StepSchedule schedule,
      double stepSize) {
    int n = order.length;
    int batch = stepper.batchRows();
    double loss = 0.0;
    double weightSum = 0.0;
    int queued = 0;
    for (int i = from; i < to; i++) {
      Block block = rows.block(order[i]);
      int row = rows.row(order[i]);
      double weight = block.weight(row);
      if (weight != 0.0) {
        stepper.queue(block, row, weight);
        weightSum += weight;
        queued++;
      }
      if (queued == batch || (i == to - 1 && queued > 0)) {
        loss += stepper.stepQueued(schedule.step(stepSize, epoch + (double) i / n), rows.rowScale());
        queued = 0;
      }
    }
    lastWeight = weightSum;
    return loss;
  }

  /** Rows per step of this pass's stepper (1 for per-row SGD). */
  int batchRows() {
    return stepper.batchRows();
  }

  /** The weight of the rows the last {@link #pass} stepped on. */
  double lastWeight() {
    return lastWeight;
  }
}
