package io.github.sparkasgd.objective;

/** Least squares, {@code (m - y)^2 / 2}: the objective of MLlib's LinearRegression. */
public final class SquaredLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double curvatureBound() {
    return 1.0;
  }

  @Override
  public double lossAndDerivative(double[] margins, double label, double[] dMargins) {
    double r = margins[0] - label;
    dMargins[0] = r;
    return 0.5 * r * r;
  }
}
