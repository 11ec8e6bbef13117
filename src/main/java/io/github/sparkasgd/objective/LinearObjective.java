package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;
import java.io.Serializable;

/**
 * A generalised linear model's training objective,
 * {@code F(w) = (1/W) sum_i weight_i * loss(m_i, y_i) + penalty(w)}: the same function for every
 * solver. Methods take caller-owned scratch buffers of length {@code numOutputs}.
 */
public final class LinearObjective implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinearLayout layout;
  private final MarginLoss loss;
  private final ElasticNet penalty;

  public LinearObjective(LinearLayout layout, MarginLoss loss, ElasticNet penalty) {
    if (layout.numOutputs() != loss.numOutputs()) {
      throw new IllegalArgumentException("layout has " + layout.numOutputs()
          + " outputs but the loss reads " + loss.numOutputs());
    }
    this.layout = layout;
    this.loss = loss;
    this.penalty = penalty;
  }

  public LinearLayout layout() {
    return layout;
  }

  public MarginLoss loss() {
    return loss;
  }

  public ElasticNet penalty() {
    return penalty;
  }

  /** Writes the row's K margins into {@code out}. */
  public void margins(Block block, int row, double[] w, double[] out) {
    int interceptBase = layout.interceptIndex(0);
    for (int k = 0; k < layout.numOutputs(); k++) {
      out[k] = block.dot(row, w, layout.rowOffset(k)) + w[interceptBase + k];
    }
  }

  /**
   * Adds {@code scale * d loss_row / dw} into {@code grad} and returns the row's unscaled loss.
   * {@code dMargins} holds the loss derivative afterwards.
   */
  public double addRowGradient(Block block, int row, double scale, double[] w, double[] grad,
      double[] margins, double[] dMargins) {
    margins(block, row, w, margins);
    double value = loss.lossAndDerivative(margins, block.label(row), dMargins);
    int interceptBase = layout.interceptIndex(0);
    for (int k = 0; k < layout.numOutputs(); k++) {
      double g = scale * dMargins[k];
      if (g != 0.0) {
        block.axpy(row, g, grad, layout.rowOffset(k));
        if (layout.fitIntercept()) {
          grad[interceptBase + k] += g;
        }
      }
    }
    return value;
  }
}
