package io.github.sparkasgd.objective;

/** One thread's buffer for {@link KMeansObjective}: the last distance {@link KMeansObjective#nearest} found. */
final class KMeansScratch implements Objective.Scratch {
  /** The squared distance of the row {@link KMeansObjective#nearest} last looked at. */
  double distance;
}
