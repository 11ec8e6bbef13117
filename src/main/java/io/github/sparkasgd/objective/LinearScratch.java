package io.github.sparkasgd.objective;

/** A linear model's per-thread buffers: a row's margins and the loss's derivative in them. */
final class LinearScratch implements Objective.Scratch {
  final double[] margins;
  final double[] dMargins;

  LinearScratch(int numOutputs) {
    this.margins = new double[numOutputs];
    this.dMargins = new double[numOutputs];
  }
}
