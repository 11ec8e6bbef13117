package io.github.sparkasgd.exchange;

/**
 * The workers' final states and iterate averages as running weighted sums: the fit's result for both
 * exchange policies is one of the two averages, weighted by the row weight each worker stepped on (so
 * a worker with no rows adds nothing, and a row of weight 2 counts as two rows of weight 1 wherever
 * it sits). Memory: two
 * model-sized arrays whatever the number of workers, where one copy per worker took gigabytes on
 * wide models. A worker counts once: a later attempt of a finished worker (a retried barrier stage)
 * adds nothing.
 */
public final class FinalStates {
  private final boolean[] finished;
  private double[] sum;
  private double[] averageSum;
  private double totalWeight;
  private double sumOfSquares;
  private int weighted;

  public FinalStates(int numWorkers) {
    this.finished = new boolean[numWorkers];
  }

  /**
   * Adds {@code weight * state} and {@code weight * iterateAverage} unless the worker already
   * finished; neither array is kept.
   */
  public void record(int worker, double[] state, double[] iterateAverage, double weight) {
    if (finished[worker]) {
      return;
    }
    finished[worker] = true;
    if (!(weight > 0)) {
      return;
    }
    if (sum == null) {
      sum = new double[state.length];
      averageSum = new double[state.length];
    }
    double squares = 0;
    for (int i = 0; i < sum.length; i++) {
      sum[i] += weight * state[i];
      averageSum[i] += weight * iterateAverage[i];
      squares += state[i] * state[i];
    }
    sumOfSquares += weight * squares;
    totalWeight += weight;
    weighted++;
  }

  public boolean finished(int worker) {
    return finished[worker];
  }

  /**
   * The root mean square distance of the states to their weighted average, from the running sums
   * (mean square norm minus the average's square norm), so no state is kept; NaN below two states.
   */
  public double spread() {
    if (weighted < 2) {
      return Double.NaN;
    }
    double avgSquares = 0;
    for (double s : sum) {
      double a = s / totalWeight;
      avgSquares += a * a;
    }
    return Math.sqrt(Math.max(0.0, sumOfSquares / totalWeight - avgSquares));
  }

  /** The weighted average of the final states, or null when no worker finished having stepped on a row. */
  public double[] average() {
    return divided(sum);
  }

  /** {@link #average()}, or {@code fallback}'s vector when no worker finished having stepped on a row. */
  public double[] averageOr(java.util.function.Supplier<double[]> fallback) {
    double[] avg = average();
    return avg != null ? avg : fallback.get();
  }

  /** {@link #iterateAverage()}, or {@code fallback}'s vector as {@link #averageOr}. */
  public double[] iterateAverageOr(java.util.function.Supplier<double[]> fallback) {
    double[] avg = iterateAverage();
    return avg != null ? avg : fallback.get();
  }

  /** The weighted average of the workers' iterate averages, or null as {@link #average()}. */
  public double[] iterateAverage() {
    return divided(averageSum);
  }

  private double[] divided(double[] sums) {
    if (!(totalWeight > 0)) {
      return null;
    }
    double[] avg = new double[sums.length];
    for (int i = 0; i < avg.length; i++) {
      avg[i] = sums[i] / totalWeight;
    }
    return avg;
  }
}
