package io.github.sparkasgd.optim;

/** Told each time a solver records a point of its objective history; runs on the driver. */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(String solver, int iteration, double objective, double seconds);
}
