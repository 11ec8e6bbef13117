package io.github.sparkasgd.objective;

/** Multinomial log-loss over K margins: {@code log(sum_k e^{m_k}) - m_y}. */
public final class SoftmaxLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  private final int numClasses;

  public SoftmaxLoss(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("softmax needs at least 2 classes, got " + numClasses);
    }
    this.numClasses = numClasses;
  }

  @Override
  public int numOutputs() {
    return numClasses;
  }

  @Override
  public double curvatureBound() {
    // The Hessian diag(p) - p p^T has its eigenvalues in [0, 1/2].
    return 0.5;
  }

  @Override
  public double lossAndDerivative(double[] margins, double label, double[] dMargins) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < numClasses; k++) {
      max = Math.max(max, margins[k]);
    }
    double sum = 0.0;
    for (int k = 0; k < numClasses; k++) {
      double e = Math.exp(margins[k] - max);
      dMargins[k] = e;
      sum += e;
    }
    int y = (int) label;
    for (int k = 0; k < numClasses; k++) {
      dMargins[k] /= sum;
    }
    dMargins[y] -= 1.0;
    return Math.log(sum) + max - margins[y];
  }

  /** Replaces margins by class probabilities, in place. */
  public static void softmaxInPlace(double[] margins) {
    double max = Double.NEGATIVE_INFINITY;
    for (double m : margins) {
      max = Math.max(max, m);
    }
    double sum = 0.0;
    for (int k = 0; k < margins.length; k++) {
      margins[k] = Math.exp(margins[k] - max);
      sum += margins[k];
    }
    for (int k = 0; k < margins.length; k++) {
      margins[k] /= sum;
    }
  }
}
