package io.github.sparkasgd.objective;

/**
 * Hinge loss, {@code max(0, 1 - s m)} with {@code s = +1} for the positive class and -1 otherwise.
 * With one output it is the binary SVM loss (labels in {0, 1}); with K outputs it is one-vs-rest, the
 * sum of K binary hinge losses in one weight matrix.
 */
public final class HingeLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  private final int numOutputs;

  /** @param numClasses 2 for a binary SVM (one output), K &gt; 2 for one-vs-rest (K outputs) */
  public HingeLoss(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("hinge needs at least 2 classes, got " + numClasses);
    }
    this.numOutputs = numClasses == 2 ? 1 : numClasses;
  }

  @Override
  public int numOutputs() {
    return numOutputs;
  }

  @Override
  public double curvatureBound() {
    // piecewise linear: a unit curvature caps a step at moving the margin by its own slack scale
    return 1.0;
  }

  @Override
  public double lossAndDerivative(double[] margins, double label, double[] dMargins) {
    double loss = 0.0;
    for (int k = 0; k < numOutputs; k++) {
      boolean positive = numOutputs == 1 ? label > 0.5 : k == (int) label;
      double s = positive ? 1.0 : -1.0;
      double slack = 1.0 - s * margins[k];
      if (slack > 0) {
        loss += slack;
        dMargins[k] = -s;
      } else {
        dMargins[k] = 0.0;
      }
    }
    return loss;
  }
}
