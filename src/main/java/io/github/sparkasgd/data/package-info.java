/**
 * Compact per-partition blocks built once per fit: dense row-major or CSR features, labels and weights.
 * This is the only layer that reads Spark {@code Row}s; it validates every value on the way in so that
 * bad input fails before training with the column and the first bad row named.
 */
package io.github.sparkasgd.data;
