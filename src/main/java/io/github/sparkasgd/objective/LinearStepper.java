package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.SparseBlock;
import java.util.Arrays;

/**
 * A linear model's proximal SGD step, one row per step, updating a weight array in place. With
 * {@link LinearObjective#withCappedRowSteps} (automatic step sizes), the gradient step is capped at
 * {@code 1 / (c ||x||^2)} (see {@link MarginLoss#curvatureBound}), so that an outlying row lands at
 * most on the minimum of its own quadratic model instead of overshooting it.
 *
 * <p>The penalty's proximal step touches every coefficient, which would make a sparse row cost
 * O(d). For sparse blocks it is applied lazily: step t's prox is {@code |x| -> (|x| - a_t)/c_t}
 * clipped at 0, with {@code a_t = eta_t l1}, {@code c_t = 1 + eta_t l2}; a run of such maps
 * composes to {@code |x| -> (P_s |x| - (S_t - S_s)) / P_t} clipped at 0, with the running products
 * {@code P_t = prod c} and sums {@code S_t = sum a_r P_(r-1)}. Each feature remembers the (P, S) it
 * was last brought to, and is caught up only when a row touches it.
 *
 * <p>Threading: one thread; the lazy state is this thread's own (see {@link SgdStepper}).
 */
final class LinearStepper implements SgdStepper {
  /** Past this the running product is folded back into the weights to keep precision. */
  private static final double RENORMALIZE_ABOVE = 1e30;

  private final LinearObjective objective;
  private final LinearLayout layout;
  private final ElasticNet penalty;
  private final double[] w;
  private final double[] margins;
  private final double[] dMargins;
  private final boolean lazy;
  private final boolean hasL1;
  private final boolean capped;
  private boolean lazyPending;
  private final double[] lastP;
  private final double[] lastS;
  private double runningP = 1.0;
  private double inverseRunningP = 1.0;
  private double runningS = 0.0;

  /**
   * @param w the weights to update in place ({@link LinearLayout} order)
   * @param sparseRows whether any rows will come from a {@link SparseBlock} (then the penalty is
   *     applied lazily on them)
   */
  LinearStepper(LinearObjective objective, double[] w, boolean sparseRows) {
    this.objective = objective;
    this.layout = objective.layout();
    this.penalty = objective.elasticNet();
    this.w = w;
    this.margins = new double[layout.numOutputs()];
    this.dMargins = new double[layout.numOutputs()];
    this.lazy = sparseRows && !penalty.isZero();
    this.hasL1 = penalty.l1() != 0.0;
    this.capped = objective.capsRowSteps();
    this.lastP = lazy ? filled(layout.numFeatures(), 1.0) : null;
    this.lastS = lazy ? new double[layout.numFeatures()] : null;
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @Override
  public double step(Block block, int row, double eta, double scale) {
    boolean lazyRow = lazy && block.isSparse();
    if (lazyRow && !hasL1) {
      catchUpL2AndMargins((SparseBlock) block, row);
    } else {
      if (lazyRow) {
        catchUp((SparseBlock) block, row);
      } else if (lazyPending) {
        flush(); // a dense step's eager prox needs every coordinate up to date
      }
      objective.margins(block, row, w, margins);
    }
    double loss = objective.marginLoss().lossAndDerivative(margins, block.label(row), dMargins);
    // Capped where the row's own quadratic model has its minimum: a row far larger than most (a
    // heavy-tailed feature's outlier) would otherwise overshoot, and the step-size search would have to
    // shrink every row's step to keep such rare rows stable.
    double rowStep = capped ? Math.min(eta * scale, 1.0 / objective.rowCurvature(block, row)) : eta * scale;
    objective.addScaledRow(block, row, -rowStep, dMargins, w);
    if (lazyRow) {
      advancePenalty(eta);
    } else {
      penalty.proxCoefficients(w, layout, eta);
    }
    return loss;
  }

  @Override
  public void flush() {
    if (!lazyPending) {
      return;
    }
    lazyPending = false;
    for (int j = 0; j < lastP.length; j++) {
      bringUp(j);
    }
    runningP = 1.0;
    inverseRunningP = 1.0;
    runningS = 0.0;
    Arrays.fill(lastP, 1.0);
    Arrays.fill(lastS, 0.0);
  }

  private void catchUp(SparseBlock block, int row) {
    for (int k = block.rowStart(row); k < block.rowEnd(row); k++) {
      bringUp(block.index(k));
    }
  }

  /**
   * Pure L2's catch-up fused with the margins: one pass over the row's nonzeros instead of two, and
   * the owed shrink is a multiply whatever it is (1 for a coordinate already up to date).
   */
  private void catchUpL2AndMargins(SparseBlock block, int row) {
    int d = layout.numFeatures();
    int outputs = layout.numOutputs();
    int interceptBase = layout.interceptIndex(0);
    for (int o = 0; o < outputs; o++) {
      margins[o] = w[interceptBase + o];
    }
    double p = runningP;
    double inverse = inverseRunningP;
    if (outputs == 1) { // binary and regression models: the margin stays in a register
      double m = margins[0];
      for (int k = block.rowStart(row); k < block.rowEnd(row); k++) {
        int j = block.index(k);
        double wj = w[j] * (lastP[j] * inverse);
        lastP[j] = p;
        w[j] = wj;
        m += wj * block.value(k);
      }
      margins[0] = m;
      return;
    }
    for (int k = block.rowStart(row); k < block.rowEnd(row); k++) {
      int j = block.index(k);
      double x = block.value(k);
      double factor = lastP[j] * inverse;
      lastP[j] = p;
      for (int o = 0, i = j; o < outputs; o++, i += d) {
        double wi = w[i] * factor;
        w[i] = wi;
        margins[o] += wi * x;
      }
    }
  }

  private void bringUp(int j) {
    double p = lastP[j];
    int d = layout.numFeatures();
    if (!hasL1) {
      // Pure L2: the owed shrink is one multiply, and lastS is never read.
      if (p != runningP) {
        double factor = p * inverseRunningP;
        for (int k = 0; k < layout.numOutputs(); k++) {
          w[k * d + j] *= factor;
        }
        lastP[j] = runningP;
      }
      return;
    }
    double s = lastS[j];
    if (p == runningP && s == runningS) {
      return;
    }
    double owed = runningS - s;
    for (int k = 0; k < layout.numOutputs(); k++) {
      int i = k * d + j;
      double shrunk = p * Math.abs(w[i]) - owed;
      w[i] = shrunk <= 0 ? 0.0 : Math.copySign(shrunk * inverseRunningP, w[i]);
    }
    lastP[j] = runningP;
    lastS[j] = runningS;
  }

  /**
   * Step t's prox on the row's coordinates is not applied now: they were just stamped with the
   * running (P, S) from before this step, so advancing the running values makes the next catch-up
   * (or {@link #flush()}) apply it together with any later steps' penalties. O(1) per step.
   */
  private void advancePenalty(double eta) {
    runningS += eta * penalty.l1() * runningP;
    runningP *= 1.0 + eta * penalty.l2();
    inverseRunningP = 1.0 / runningP;
    lazyPending = true;
    if (runningP > RENORMALIZE_ABOVE) {
      flush();
    }
  }
}
