/**
 * JMH micro-benchmarks of the hot kernels (run with the {@code jmh} Maven profile). Each benchmark
 * sits next to a plain-array baseline doing the same arithmetic with nothing in the way, which bounds
 * what the library's abstraction may cost.
 */
package io.github.sparkasgd.bench;
