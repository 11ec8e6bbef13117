package io.github.sparkasgd.objective;

/** Binary log-loss on one margin, labels in {0, 1}: {@code log(1 + e^m) - y m}. */
public final class LogisticLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double curvatureBound() {
    // sigma'(m) = p (1 - p) <= 1/4
    return 0.25;
  }

  @Override
  public double lossAndDerivative(double[] margins, double label, double[] dMargins) {
    double m = margins[0];
    dMargins[0] = sigmoid(m) - label;
    return log1pExp(m) - label * m;
  }

  /** {@code log(1 + e^m)} without overflow. */
  public static double log1pExp(double m) {
    return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
  }

  public static double sigmoid(double m) {
    if (m >= 0) {
      return 1.0 / (1.0 + Math.exp(-m));
    }
    double e = Math.exp(m);
    return e / (1.0 + e);
  }
}
