package io.github.sparkasgd.objective;

/**
 * Huber loss with threshold {@code delta} in label units: quadratic ({@code r^2 / 2}) for residuals up
 * to delta, linear ({@code delta (|r| - delta / 2)}) beyond, so outliers pull with bounded force.
 */
public final class HuberLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  private final double delta;

  public HuberLoss(double delta) {
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("huber delta must be positive and finite, got " + delta);
    }
    this.delta = delta;
  }

  @Override
  public double curvatureBound() {
    // 1 inside delta, 0 beyond
    return 1.0;
  }

  @Override
  public double lossAndDerivative(double[] margins, double label, double[] dMargins) {
    double r = margins[0] - label;
    if (Math.abs(r) <= delta) {
      dMargins[0] = r;
      return 0.5 * r * r;
    }
    dMargins[0] = Math.copySign(delta, r);
    return delta * (Math.abs(r) - 0.5 * delta);
  }
}
