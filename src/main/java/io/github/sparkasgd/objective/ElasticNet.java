package io.github.sparkasgd.objective;

import java.io.Serializable;

/**
 * {@code l1 ||w||_1 + l2/2 ||w||^2} on coefficients (never intercepts), as MLlib defines
 * {@code regParam} and {@code elasticNetParam}: {@code l1 = regParam * alpha}, {@code l2 = regParam * (1 - alpha)}.
 * Applied as a proximal step, which keeps L1 solutions exactly sparse.
 */
public record ElasticNet(double l1, double l2) implements Serializable {

  public static ElasticNet of(double regParam, double elasticNetParam) {
    return new ElasticNet(regParam * elasticNetParam, regParam * (1.0 - elasticNetParam));
  }

  public boolean isZero() {
    return l1 == 0.0 && l2 == 0.0;
  }

  public double value(double[] w, LinearLayout layout) {
    if (isZero()) {
      return 0.0;
    }
    double abs = 0.0;
    double sq = 0.0;
    for (int i = 0; i < layout.coefficientCount(); i++) {
      abs += Math.abs(w[i]);
      sq += w[i] * w[i];
    }
    return l1 * abs + 0.5 * l2 * sq;
  }

  /** The proximal map of {@code step * penalty} on one coordinate. */
  public double prox(double x, double step) {
    double shrunk = Math.abs(x) - step * l1;
    return shrunk <= 0 ? 0.0 : Math.copySign(shrunk / (1.0 + step * l2), x);
  }

  /** Applies {@link #prox} to every coefficient. */
  public void proxCoefficients(double[] w, LinearLayout layout, double step) {
    if (isZero()) {
      return;
    }
    for (int i = 0; i < layout.coefficientCount(); i++) {
      w[i] = prox(w[i], step);
    }
  }
}
