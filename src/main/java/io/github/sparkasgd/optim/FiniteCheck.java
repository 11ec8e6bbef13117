package io.github.sparkasgd.optim;

/**
 * The one check every solver's final weights pass: a model with a NaN or infinite weight predicts
 * nothing useful, and returning it (or, worse, the initial weights in its place) would look like a
 * successful fit. Called from {@link TrainingResult}'s constructor, so no solver can skip it.
 */
public final class FiniteCheck {
  /** The start of every divergence message, so tests and users can recognise it. */
  public static final String MESSAGE = "the weights became non-finite (NaN or infinite): the step size is too "
      + "large for this data; lower stepSize, use a decaying stepSchedule, or scale the features";

  private FiniteCheck() {}

  /** Whether every value is finite: one branch-free pass the JIT vectorizes (x - x is 0 unless x is NaN or infinite). */
  public static boolean allFinite(double[] values) {
    double probe = 0;
    for (double v : values) {
      probe += v - v;
    }
    return probe == 0.0;
  }

  /**
   * @throws IllegalStateException naming the first non-finite coordinate
   */
  public static void requireFinite(double[] weights, String what) {
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isFinite(weights[i])) {
        throw new IllegalStateException(what + ": " + MESSAGE + " (coordinate " + i + " is " + weights[i] + ")");
      }
    }
  }
}
