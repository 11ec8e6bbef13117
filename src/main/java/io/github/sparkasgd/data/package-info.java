/**
 * A fit's input as cached blocks, built in one pass: dense row-major or CSR features in float32 or
 * float64, labels and weights in their smallest exact type, in a compact validated byte form when
 * Spark moves them to disk. This is the only layer that reads Spark's rows; it validates every value
 * on the way in so that bad input fails before training with the column and the first bad row named.
 */
package io.github.sparkasgd.data;
