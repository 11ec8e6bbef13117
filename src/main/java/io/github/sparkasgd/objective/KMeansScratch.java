package io.github.sparkasgd.objective;

/** One thread's buffers for {@link KMeansObjective}: the fixed centres' norms and the last distance found. */
final class KMeansScratch implements Objective.Scratch {
  /** The squared norms of the centres {@link KMeansObjective#fixCentres} last saw. */
  double[] norms = new double[0];
  /** The centres {@link KMeansObjective#fixCentres} last saw, feature-major ({@code [f * k + j]}), for dense rows. */
  double[] transposed = new double[0];
  /** A dense row's dots with every fixed centre. */
  double[] dots = new double[0];
  /** The squared distance of the row {@link KMeansObjective#nearestFixed} last looked at. */
  double distance;

  /** The norms' buffer for {@code k} centres, allocated on first use. */
  double[] norms(int k) {
    if (norms.length != k) {
      norms = new double[k];
      dots = new double[k];
    }
    return norms;
  }

  /** The transposed centres' buffer of {@code size} values, allocated on first use. */
  double[] transposed(int size) {
    if (transposed.length != size) {
      transposed = new double[size];
    }
    return transposed;
  }
}
