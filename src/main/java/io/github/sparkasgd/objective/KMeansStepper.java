package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;

/**
 * Sequential k-means (MacQueen; Sculley 2010's per-row rate; seed 000's per-sample update): a row moves
 * its nearest centre {@code c_j <- c_j + r (x - c_j)} with {@code r = weight / count_j} after adding the
 * row's weight to the centre's count, so each centre is the running weighted mean of the rows it took.
 * The counts are parameters (see {@link KMeansObjective}); the step size {@code eta} is not used.
 *
 * <p>Threading: one thread; Hogwild! threads share {@code w}, counts included.
 */
final class KMeansStepper implements SgdStepper {
  private final KMeansObjective objective;
  private final double[] w;
  private final KMeansScratch scratch;
  private final int d;

  KMeansStepper(KMeansObjective objective, double[] w) {
    this.objective = objective;
    this.w = w;
    this.d = objective.numFeatures();
    this.scratch = new KMeansScratch();
  }

  @Override
  public double step(Block block, int row, double eta, double scale) {
    int j = objective.nearest(block, row, w, scratch);
    int countIndex = objective.countIndex(j);
    double count = w[countIndex] + scale;
    w[countIndex] = count;
    double rate = scale / count;
    int off = j * d;
    double keep = 1.0 - rate;
    for (int f = 0; f < d; f++) {
      w[off + f] *= keep;
    }
    block.axpy(row, rate, w, off);
    return scratch.distance;
  }

  /** Nothing is deferred: every step writes what it changes. */
  @Override
  public void flush() {}
}
