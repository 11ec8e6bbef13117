package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;

/** One thread's buffers for {@link KMeansObjective}: a zeroed row-sized probe and the last distance. */
final class KMeansScratch implements Objective.Scratch {
  private final double[] probe;
  /** The squared distance of the row {@link KMeansObjective#nearest} last looked at. */
  double distance;

  KMeansScratch(int numFeatures) {
    this.probe = new double[numFeatures];
  }

  /**
   * {@code ||x||^2} through the block's own kernels (a block exposes no per-value access): the row is
   * added into the zeroed probe, dotted with it and subtracted again, which leaves the probe zero.
   */
  double squaredNorm(Block block, int row) {
    block.axpy(row, 1.0, probe, 0);
    double value = block.dot(row, probe, 0);
    block.axpy(row, -1.0, probe, 0);
    return value;
  }
}
