/**
 * The solvers: {@code batch} (full gradient), {@code minibatch} (synchronous sampled gradients),
 * {@code simuparallel} (independent SGD per partition, averaged) and, built on the same local SGD
 * pass, {@code async}. A solver sees cached blocks and an {@link io.github.sparkasgd.objective.Objective};
 * it never reads a Row and never knows which model it trains.
 */
package io.github.sparkasgd.optim;
