package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.Objective;

/**
 * The objective on the driver's uniform sample of the rows ({@link TrainingData#sample()}): the
 * weighted mean loss plus the penalty, computed without a Spark job. It scores the step size search's
 * trials and picks between the async workers' last states and their iterate averages.
 * Not thread-safe: one caller at a time.
 */
final class SampleObjective {
  private final Objective objective;
  private final WorkerRows rows;
  private final Objective.Scratch scratch;

  SampleObjective(Objective objective, WorkerRows rows) {
    this.objective = objective;
    this.rows = rows;
    this.scratch = objective.newScratch();
  }

  static SampleObjective of(Objective objective, TrainingData data) {
    return new SampleObjective(objective, new WorkerRows(data.sample(), data.numRows() / data.weightSum()));
  }

  WorkerRows rows() {
    return rows;
  }

  /** The sample objective at {@code w}; infinite where it is not finite. */
  double value(double[] w) {
    double loss = 0;
    double weight = 0;
    for (int i = 0; i < rows.size(); i++) {
      Block b = rows.block(i);
      int r = rows.row(i);
      loss += b.weight(r) * objective.loss(b, r, w, scratch);
      weight += b.weight(r);
    }
    double value = loss / Math.max(weight, Double.MIN_VALUE) + objective.penalty(w);
    return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
  }
}
