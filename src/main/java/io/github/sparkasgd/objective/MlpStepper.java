package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;

/**
 * Mini-batch SGD for {@link MlpObjective}: rows are queued and every {@link #batchRows()} of them make
 * one step on their mean gradient, computed by matrix products and written straight into the weights
 * (no gradient buffer): {@code w <- prox(w - eta * mean_r(scale_r grad_r))}, the prox being the L2
 * penalty's on the weights. A single {@link #step} is a batch of one.
 *
 * <p>Threading: one thread; Hogwild! threads share {@code w} and each has its own stepper.
 */
final class MlpStepper implements SgdStepper {
  private final MlpObjective objective;
  private final double[] w;
  private final MlpScratch scratch;

  MlpStepper(MlpObjective objective, double[] w) {
    this.objective = objective;
    this.w = w;
    this.scratch = (MlpScratch) objective.newScratch();
  }

  @Override
  public double step(Block block, int row, double eta, double scale) {
    scratch.clear();
    objective.add(scratch, block, row, 1.0, scale);
    return update(eta);
  }

  @Override
  public int batchRows() {
    return objective.batchRows();
  }

  @Override
  public void queue(Block block, int row, double weight) {
    objective.add(scratch, block, row, weight, weight);
  }

  @Override
  public double stepQueued(double eta, double scale) {
    int m = scratch.count;
    if (m == 0) {
      return 0.0;
    }
    for (int r = 0; r < m; r++) {
      scratch.scales[r] *= scale / m;
    }
    return update(eta);
  }

  private double update(double eta) {
    double loss = objective.forward(scratch, w);
    double decay = 1.0 / (1.0 + eta * objective.regParam());
    objective.backward(scratch, w, w, -eta * decay, decay, -eta);
    scratch.clear();
    return loss;
  }

  /** Nothing is deferred: every step writes what it changes. */
  @Override
  public void flush() {}
}
