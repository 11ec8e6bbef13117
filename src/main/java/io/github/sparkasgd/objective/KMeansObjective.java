package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.DenseBlock;

/**
 * K-means, {@code F(C) = (1/W) sum_i weight_i min_j ||x_i - c_j||^2}, over {@code k} centres of
 * {@code d} features. Parameters: the centres row-major ({@code w[j*d + f]}), then one count per centre
 * ({@code w[k*d + j]}), the weight of the rows that have moved it so far.
 *
 * <p>The counts live in the parameter vector, not in a thread's stepper, so that everything that moves
 * parameters carries them: the async exchange adds the workers' count increments on the server (a
 * centre's rate then falls with the rows every worker gave it, as one sequential run's would),
 * SimuParallelSGD averages them with the centres, and a mini-batch gradient sum brings each centre's
 * batch weight to the driver, which Lloyd's and Sculley's steps divide by.
 *
 * <p>Gradient layout: the centre entries are {@code d loss / d c_j = 2 (c_j - x)} for the row's nearest
 * centre; the count entries are not a derivative but the row's weight at its nearest centre, the
 * statistic the steps need. Steps never need a step size ({@link #needsStepSize}): the SGD step moves
 * the nearest centre by rate {@code weight / count} (Sculley 2010: each centre is the running mean of the
 * rows it took), the mini-batch step is the same on the batch's sums, and {@code batch} takes Lloyd's
 * step. A centre no row takes is left where it is, as MLlib's KMeans leaves it; no step divides by a
 * zero count.
 */
public final class KMeansObjective implements Objective {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final int d;

  public KMeansObjective(int k, int numFeatures) {
    if (k < 1 || numFeatures < 1) {
      throw new IllegalArgumentException("k-means needs k >= 1 and features, got k=" + k + ", d=" + numFeatures);
    }
    this.k = k;
    this.d = numFeatures;
  }

  public int k() {
    return k;
  }

  public int numFeatures() {
    return d;
  }

  /** Parameters for {@code centres} ({@code k*d}, row-major) with every count 0. */
  public double[] initialWeights(double[] centres) {
    return initialWeights(centres, new double[k]);
  }

  /** Parameters for {@code centres} ({@code k*d}, row-major) that have taken {@code counts} so far. */
  public double[] initialWeights(double[] centres, double[] counts) {
    if (centres.length != k * d || counts.length != k) {
      throw new IllegalArgumentException("expected " + k * d + " centre values and " + k + " counts, got "
          + centres.length + " and " + counts.length);
    }
    double[] w = new double[size()];
    System.arraycopy(centres, 0, w, 0, centres.length);
    System.arraycopy(counts, 0, w, k * d, k);
    return w;
  }

  /** The centres of parameters {@code w}, row-major. */
  public double[] centres(double[] w) {
    return java.util.Arrays.copyOf(w, k * d);
  }

  /** The per-centre counts of parameters {@code w}: what a warm start continues the rates from. */
  public double[] counts(double[] w) {
    return java.util.Arrays.copyOfRange(w, k * d, size());
  }

  /** Where centre {@code j}'s count is. */
  int countIndex(int j) {
    return k * d + j;
  }

  @Override
  public int size() {
    return k * d + k;
  }

  @Override
  public Scratch newScratch() {
    return new KMeansScratch();
  }

  /** The most centre values {@link #fixCentres} copies feature-major for dense rows (8 MB). */
  static final int TRANSPOSED_MAX_VALUES = 1 << 20;

  /**
   * Fixes the centres of {@code w} for a pass of {@link #nearestFixed} calls: their squared norms go
   * into the scratch once, instead of once per row (a pass at k = 10, d = 10 spent half its time on them),
   * and so does a feature-major copy, against which a dense row's k dots are one vectorised loop.
   * Every pass whose centres do not move between rows starts with this (a cost pass, Lloyd's sums, a
   * mini-batch's assignments, the seeding's rounds); SGD steps move centres between rows and cannot.
   */
  public void fixCentres(double[] w, Scratch scratch) {
    KMeansScratch s = (KMeansScratch) scratch;
    double[] norms = s.norms(k);
    // A copy of the centres costs the pass nothing next to its rows, but a wide sparse model's would
    // cost memory per thread for rows that never read it.
    double[] transposed = (long) k * d <= TRANSPOSED_MAX_VALUES ? s.transposed(k * d) : null;
    for (int j = 0; j < k; j++) {
      int off = j * d;
      double cc = 0.0;
      for (int f = 0; f < d; f++) {
        double c = w[off + f];
        cc += c * c;
        if (transposed != null) {
          transposed[f * k + j] = c;
        }
      }
      norms[j] = cc;
    }
  }

  /**
   * The index of the centre of {@code w} nearest to the row (the first of equals), at the centres the
   * last {@link #fixCentres} call saw; its squared distance is left in the scratch. Distances are
   * {@code ||x||^2 - 2 x.c + ||c||^2}, so a sparse row costs its nonzeros per centre, not d.
   */
  public int nearestFixed(Block block, int row, double[] w, Scratch scratch) {
    KMeansScratch s = (KMeansScratch) scratch;
    double[] norms = s.norms;
    int best = 0;
    double bestPartial = Double.POSITIVE_INFINITY;
    double[] dots = s.dots;
    if (block instanceof DenseBlock dense && s.transposed.length == k * d) {
      dense.multiplyRow(row, s.transposed, k, dots);
    } else {
      for (int j = 0; j < k; j++) {
        dots[j] = block.dot(row, w, j * d);
      }
    }
    for (int j = 0; j < k; j++) {
      double partial = norms[j] - 2.0 * dots[j];
      if (partial < bestPartial) {
        bestPartial = partial;
        best = j;
      }
    }
    s.distance = Math.max(0.0, bestPartial + block.squaredNorm(row));
    return best;
  }

  /** The squared distance {@link #nearestFixed} last found. */
  public double lastDistance(Scratch scratch) {
    return ((KMeansScratch) scratch).distance;
  }

  /**
   * The nearest centre at centres that may have moved since the last row (an SGD step's). A dense row
   * sums its distances directly: the norm form would need every centre's norm again (k d) on top of
   * the k dots, which made the norms half of an SGD epoch at k = 10, d = 10. A sparse row keeps the
   * norm form, whose dots cost its nonzeros instead of d.
   */
  int nearest(Block block, int row, double[] w, KMeansScratch scratch) {
    if (block instanceof DenseBlock dense) {
      int best = 0;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double distance = dense.squaredDistance(row, w, j * d);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = j;
        }
      }
      scratch.distance = bestDistance;
      return best;
    }
    fixCentres(w, scratch);
    return nearestFixed(block, row, w, scratch);
  }

  @Override
  public double loss(Block block, int row, double[] w, Scratch scratch) {
    KMeansScratch s = (KMeansScratch) scratch;
    nearest(block, row, w, s);
    return s.distance;
  }

  /** The rows' weighted cost at centres fixed for the range: their norms computed once. */
  @Override
  public double weightedLoss(Block block, int from, int to, double[] w, Scratch scratch) {
    fixCentres(w, scratch);
    double loss = 0.0;
    for (int row = from; row < to; row++) {
      nearestFixed(block, row, w, scratch); // distances are finite: a weight of 0 adds 0
      loss += block.weight(row) * lastDistance(scratch);
    }
    return loss;
  }

  /** A range's gradient sum: {@code w} does not change within it, so the centres' norms are computed once. */
  @Override
  public double addGradient(Block block, int from, int to, double[] w, double[] grad, Scratch scratch) {
    KMeansScratch s = (KMeansScratch) scratch;
    fixCentres(w, s);
    double loss = 0.0;
    for (int row = from; row < to; row++) { // a row of weight 0 adds 0: centres and distances are finite
      double weight = block.weight(row);
      loss += weight * addFixedGradient(block, row, weight, w, grad, s);
    }
    return loss;
  }

  @Override
  public double addGradient(Block block, int row, double scale, double[] w, double[] grad, Scratch scratch) {
    KMeansScratch s = (KMeansScratch) scratch;
    return addGradientAt(block, row, nearest(block, row, w, s), scale, w, grad, s);
  }

  /** {@link #addGradient} at centres already fixed by {@link #fixCentres}. */
  private double addFixedGradient(Block block, int row, double scale, double[] w, double[] grad, KMeansScratch s) {
    return addGradientAt(block, row, nearestFixed(block, row, w, s), scale, w, grad, s);
  }

  /** Adds the row's gradient at its nearest centre {@code j}; returns its squared distance. */
  private double addGradientAt(Block block, int row, int j, double scale, double[] w, double[] grad, KMeansScratch s) {
    int off = j * d;
    double twice = 2.0 * scale;
    for (int f = 0; f < d; f++) {
      grad[off + f] += twice * w[off + f];
    }
    block.axpy(row, -twice, grad, off);
    grad[countIndex(j)] += scale;
    return s.distance;
  }

  @Override
  public SgdStepper newStepper(double[] w, boolean sparseRows) {
    return new KMeansStepper(this, w);
  }

  @Override
  public double penalty(double[] w) {
    return 0.0;
  }

  @Override
  public boolean needsStepSize() {
    return false;
  }

  /**
   * Mini-batch k-means (Sculley 2010) on a batch's gradient sum: with {@code m_j} the batch's weight at
   * centre j (scaled) and {@code S_j} its rows' sum, the count grows to {@code v_j + m_j} and the centre
   * moves to {@code (v_j c_j + S_j) / (v_j + m_j)}, which is what Sculley's per-row rates
   * {@code 1/count} give over the batch's rows at the batch's assignments. {@code eta} is not used.
   */
  @Override
  public void descend(double[] w, double[] gradient, double scale, double eta) {
    for (int j = 0; j < k; j++) {
      double mass = scale * gradient[countIndex(j)];
      if (!(mass > 0.0)) {
        continue; // no row of the batch chose this centre: it stays
      }
      double count = w[countIndex(j)] + mass;
      w[countIndex(j)] = count;
      moveCentre(w, gradient, j, scale / (2.0 * count));
    }
  }

  /**
   * Lloyd's step: every centre moves to the weighted mean of the rows nearest to it
   * ({@code c_j - g_j / (2 n_j) = S_j / n_j} from the mean gradient); a centre that no row chose keeps
   * its place (as MLlib's KMeans does), and counts become the rows' weight share.
   */
  @Override
  public void batchStep(double[] w, double[] meanGradient) {
    for (int j = 0; j < k; j++) {
      double share = meanGradient[countIndex(j)];
      w[countIndex(j)] = share;
      if (share > 0.0) {
        moveCentre(w, meanGradient, j, 1.0 / (2.0 * share));
      }
    }
  }

  @Override
  public boolean mergesLocalSteps() {
    return true;
  }

  /**
   * A partition's change in the form that sums: per centre the weighted sum of the rows it took,
   * {@code v'_j c'_j - v_j c_j}, and their weight {@code v'_j - v_j} ({@code v} counts, {@code c}
   * centres; Sculley's centre is the running mean of its rows, so {@code v'_j c'_j = v_j c_j + S_j}).
   */
  @Override
  public void addLocalChange(double[] start, double[] local, double[] changes) {
    for (int j = 0; j < k; j++) {
      double v0 = start[countIndex(j)];
      double v1 = local[countIndex(j)];
      changes[countIndex(j)] += v1 - v0;
      int off = j * d;
      for (int f = 0; f < d; f++) {
        changes[off + f] += v1 * local[off + f] - v0 * start[off + f];
      }
    }
  }

  /**
   * Each centre becomes the mean of its rows so far and of every partition's,
   * {@code (v_j c_j + sum_p S_pj) / (v_j + sum_p m_pj)}: what one sequential run at the partitions'
   * assignments gives. A centre no partition moved stays.
   */
  @Override
  public void mergeLocalChanges(double[] w, double[] changes) {
    for (int j = 0; j < k; j++) {
      double mass = changes[countIndex(j)];
      if (!(mass > 0.0)) {
        continue;
      }
      double v0 = w[countIndex(j)];
      double count = v0 + mass;
      w[countIndex(j)] = count;
      int off = j * d;
      for (int f = 0; f < d; f++) {
        w[off + f] = (v0 * w[off + f] + changes[off + f]) / count;
      }
    }
  }

  private void moveCentre(double[] w, double[] gradient, int j, double factor) {
    int off = j * d;
    for (int f = 0; f < d; f++) {
      w[off + f] -= factor * gradient[off + f];
    }
  }

  /** The squared distance's second derivative in its centre (2 per coordinate). */
  @Override
  public double curvature(Block block, int row, Scratch scratch) {
    return 2.0;
  }

  /** A step reads the row once per centre to find the nearest one. */
  @Override
  public double valuesPerStep(double storedValuesPerRow) {
    return storedValuesPerRow * k;
  }
}
