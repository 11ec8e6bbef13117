/**
 * What a model is to the engine: an {@link io.github.sparkasgd.objective.Objective} over one flat
 * parameter array, with its per-thread scratch and SGD step, so that every solver and the exchange
 * train any model without knowing which. Linear models (margin losses, elastic net applied lazily on
 * sparse rows), k-means and a multilayer perceptron (mini-batch matrix kernels) implement it; nothing
 * here allocates per row.
 */
package io.github.sparkasgd.objective;
