package io.github.sparkasgd.exchange;

/**
 * The workers' final states as they finish, each with the steps its worker took, and their weighted
 * average: the fit's result for both exchange policies. A re-registered worker's earlier final
 * state is dropped, so a retried stage never counts a worker twice.
 */
final class FinalStates {
  private final double[][] states;
  private final long[] weights;

  FinalStates(int numWorkers) {
    this.states = new double[numWorkers][];
    this.weights = new long[numWorkers];
  }

  /** @param state kept, not copied: the caller does not change it until the worker registers again */
  void record(int worker, double[] state, long examples) {
    states[worker] = state;
    weights[worker] = examples;
  }

  void forget(int worker) {
    states[worker] = null;
    weights[worker] = 0;
  }

  /** The weighted average, or null when no worker finished having taken a step. */
  double[] average() {
    long total = 0;
    for (int w = 0; w < states.length; w++) {
      total += states[w] != null ? weights[w] : 0;
    }
    if (total == 0) {
      return null;
    }
    double[] avg = null;
    for (int w = 0; w < states.length; w++) {
      if (states[w] == null || weights[w] == 0) {
        continue;
      }
      if (avg == null) {
        avg = new double[states[w].length];
      }
      double share = (double) weights[w] / total;
      for (int i = 0; i < avg.length; i++) {
        avg[i] += share * states[w][i];
      }
    }
    return avg;
  }
}
