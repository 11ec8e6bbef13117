package io.github.sparkasgd.optim;

/**
 * A solver's output: the weights in {@link io.github.sparkasgd.objective.LinearLayout} order, the
 * history it recorded and how many iterations (epochs for SGD solvers) it ran.
 */
public record TrainingResult(double[] weights, TrainingHistory history, int totalIterations) {}
