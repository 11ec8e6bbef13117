package io.github.sparkasgd.optim;

import java.util.Arrays;

/** The objective a solver tracked, against seconds since the fit started. */
public final class TrainingHistory {
  /** Epochs without enough improvement that end an SGD fit. */
  public static final int SGD_PATIENCE = 3;
  /** Iterations without enough improvement that end a {@code batch} fit. */
  public static final int BATCH_PATIENCE = 5;
  private final String solver;
  private final long startNanos;
  private final ProgressListener listener;
  private double[] objectives = new double[16];
  private double[] seconds = new double[16];
  private int size;
  private double stepSize = Double.NaN;
  private boolean automaticStep;

  public TrainingHistory(String solver, long startNanos, ProgressListener listener) {
    this.solver = solver;
    this.startNanos = startNanos;
    this.listener = listener;
  }

  public void record(double objective) {
    if (size == objectives.length) {
      objectives = Arrays.copyOf(objectives, size * 2);
      seconds = Arrays.copyOf(seconds, size * 2);
    }
    double t = (System.nanoTime() - startNanos) / 1e9;
    objectives[size] = objective;
    seconds[size] = t;
    size++;
    if (listener != null) {
      listener.onProgress(solver, size, objective, t);
    }
  }

  /**
   * True when the best of the last {@code patience} recorded objectives improves on the best before
   * them by at most {@code tol} relative to its magnitude (never for {@code tol = 0}). A window, not the
   * last pair: SGD's epoch objectives are noisy, and one epoch that happens to gain little must not end
   * a fit that is still improving.
   */
  public boolean converged(double tol, int patience) {
    if (size <= patience || tol <= 0) {
      return false;
    }
    double before = Double.POSITIVE_INFINITY;
    for (int i = 0; i < size - patience; i++) {
      before = Math.min(before, objectives[i]);
    }
    double recent = Double.POSITIVE_INFINITY;
    for (int i = size - patience; i < size; i++) {
      recent = Math.min(recent, objectives[i]);
    }
    return before - recent <= tol * Math.abs(before);
  }

  /**
   * Records the initial step size the solver used.
   *
   * @param automatic whether the solver picked it (or took a picked one over from a warm start)
   */
  public void setStepSize(double stepSize, boolean automatic) {
    this.stepSize = stepSize;
    this.automaticStep = automatic;
  }

  /** Whether {@link #stepSize} was picked by the solver rather than given. */
  public boolean automaticStep() {
    return automaticStep;
  }

  /** The initial step size the solver used; NaN when it has none. */
  public double stepSize() {
    return stepSize;
  }

  /** {@link System#nanoTime()} at the fit's start. */
  public long startNanos() {
    return startNanos;
  }

  public String solver() {
    return solver;
  }

  public int size() {
    return size;
  }

  public double[] objectives() {
    return Arrays.copyOf(objectives, size);
  }

  public double[] seconds() {
    return Arrays.copyOf(seconds, size);
  }
}
