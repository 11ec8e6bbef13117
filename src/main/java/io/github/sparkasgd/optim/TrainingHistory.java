package io.github.sparkasgd.optim;

import java.util.Arrays;

/** The objective a solver tracked, against seconds since the fit started. */
public final class TrainingHistory {
  private final String solver;
  private final long startNanos;
  private final ProgressListener listener;
  private double[] objectives = new double[16];
  private double[] seconds = new double[16];
  private int size;

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
   * True when the last two recorded objectives differ by at most {@code tol} relative to their
   * magnitude (never for {@code tol = 0}).
   */
  public boolean converged(double tol) {
    if (size < 2 || tol <= 0) {
      return false;
    }
    double prev = objectives[size - 2];
    double cur = objectives[size - 1];
    return Math.abs(prev - cur) <= tol * Math.max(Math.abs(prev), Math.abs(cur));
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
