/**
 * The solvers: {@code batch} (full gradient), {@code minibatch} (synchronous sampled gradients),
 * {@code simuparallel} (independent SGD per partition, averaged) and, built on the same local SGD
 * kernel, {@code async}. A solver sees cached blocks and an objective; it never reads a Row.
 */
package io.github.sparkasgd.optim;
