package io.github.sparkasgd.objective;

import java.io.Serializable;

/**
 * A loss of a linear model's margins {@code m_k = w_k . x + b_k}, {@code k < numOutputs()}. Its gradient
 * with respect to {@code w_k} is {@code dLoss/dm_k * x}, which is why one interface serves every
 * generalised linear model here.
 */
public interface MarginLoss extends Serializable {

  /** Number of margins (weight rows) the loss reads: one unless the loss is multi-class. */
  default int numOutputs() {
    return 1;
  }

  /**
   * Returns the loss of one row and writes {@code dLoss/dm_k} into {@code dMargins[0:numOutputs]}.
   *
   * @param margins the row's margins; not modified
   */
  double lossAndDerivative(double[] margins, double label, double[] dMargins);

  /**
   * An upper bound on the loss's second derivative in the margins (the largest eigenvalue of its
   * Hessian for several margins); for a loss without one (hinge), the curvature of the quadratic whose
   * minimum a step should not pass. SGD caps a row's step at {@code 1 / (c ||x||^2)}, the step that
   * lands on the minimum of the row's quadratic model.
   */
  double curvatureBound();
}
