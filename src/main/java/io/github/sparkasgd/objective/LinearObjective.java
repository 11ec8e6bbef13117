package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;

/**
 * A generalised linear model's training objective,
 * {@code F(w) = (1/W) sum_i weight_i * loss(m_i, y_i) + penalty(w)} with margins
 * {@code m_ik = w_k . x_i + b_k}, parameters in {@link LinearLayout} order. Immutable; see
 * {@link Objective} for the threading contract.
 */
public final class LinearObjective implements Objective {
  private static final long serialVersionUID = 1L;

  private final LinearLayout layout;
  private final MarginLoss loss;
  private final ElasticNet penalty;
  private final boolean capRowSteps;

  public LinearObjective(LinearLayout layout, MarginLoss loss, ElasticNet penalty) {
    this(layout, loss, penalty, false);
  }

  private LinearObjective(LinearLayout layout, MarginLoss loss, ElasticNet penalty, boolean capRowSteps) {
    if (layout.numOutputs() != loss.numOutputs()) {
      throw new IllegalArgumentException("layout has " + layout.numOutputs()
          + " outputs but the loss reads " + loss.numOutputs());
    }
    this.layout = layout;
    this.loss = loss;
    this.penalty = penalty;
    this.capRowSteps = capRowSteps;
  }

  @Override
  public LinearObjective withCappedRowSteps() {
    return new LinearObjective(layout, loss, penalty, true);
  }

  /** Whether {@link LinearStepper} caps each row's step at {@code 1 / rowCurvature}. */
  boolean capsRowSteps() {
    return capRowSteps;
  }

  public LinearLayout layout() {
    return layout;
  }

  public MarginLoss marginLoss() {
    return loss;
  }

  public ElasticNet elasticNet() {
    return penalty;
  }

  @Override
  public int size() {
    return layout.size();
  }

  @Override
  public Scratch newScratch() {
    return new LinearScratch(layout.numOutputs());
  }

  /** Writes the row's K margins into {@code out}. */
  void margins(Block block, int row, double[] w, double[] out) {
    int interceptBase = layout.interceptIndex(0);
    for (int k = 0; k < layout.numOutputs(); k++) {
      out[k] = block.dot(row, w, layout.rowOffset(k)) + w[interceptBase + k];
    }
  }

  @Override
  public double loss(Block block, int row, double[] w, Scratch scratch) {
    LinearScratch s = (LinearScratch) scratch;
    margins(block, row, w, s.margins);
    return loss.lossAndDerivative(s.margins, block.label(row), s.dMargins);
  }

  @Override
  public double addGradient(Block block, int row, double scale, double[] w, double[] grad, Scratch scratch) {
    LinearScratch s = (LinearScratch) scratch;
    double value = loss(block, row, w, s);
    addScaledRow(block, row, scale, s.dMargins, grad);
    return value;
  }

  /**
   * {@code target += scale * dMargins_k * x_row} on every output's coefficient row, and
   * {@code scale * dMargins_k} on its intercept: the gradient step and the gradient sum share it.
   */
  void addScaledRow(Block block, int row, double scale, double[] dMargins, double[] target) {
    int interceptBase = layout.interceptIndex(0);
    for (int k = 0; k < layout.numOutputs(); k++) {
      double g = scale * dMargins[k];
      if (g != 0.0) {
        block.axpy(row, g, target, layout.rowOffset(k));
        if (layout.fitIntercept()) {
          target[interceptBase + k] += g;
        }
      }
    }
  }

  @Override
  public SgdStepper newStepper(double[] w, boolean sparseRows) {
    return new LinearStepper(this, w, sparseRows);
  }

  @Override
  public double penalty(double[] w) {
    return penalty.value(w, layout);
  }

  @Override
  public void descend(double[] w, double[] gradient, double scale, double eta) {
    for (int i = 0; i < w.length; i++) {
      w[i] -= scale * gradient[i];
    }
    penalty.proxCoefficients(w, layout, eta);
  }

  @Override
  public double curvature(Block block, int row, Scratch scratch) {
    return block.squaredNorm(row) + (layout.fitIntercept() ? 1 : 0);
  }

  /**
   * An upper bound on the row loss's curvature along its own gradient, per unit step:
   * {@code c ||x||^2} (plus {@code c} for the intercept) with c the loss's {@link
   * MarginLoss#curvatureBound}. A step above its inverse would pass the minimum of the row's quadratic
   * model.
   */
  double rowCurvature(Block block, int row) {
    return loss.curvatureBound() * curvature(block, row, null);
  }

  @Override
  public double valuesPerStep(double storedValuesPerRow) {
    return storedValuesPerRow * layout.numOutputs();
  }
}
