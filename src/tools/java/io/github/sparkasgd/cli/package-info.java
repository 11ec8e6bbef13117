/**
 * The tools, kept out of the library jar: the {@code spark-submit}-able {@code Train} job, the
 * benchmark runners ({@code Benchmark}, {@code Scaling}, {@code DefaultsTable}) with their PNG plots,
 * and the data generators behind {@code data-scripts/}. They are packaged as the {@code tools} jar,
 * which runs with the library jar beside it.
 */
package io.github.sparkasgd.cli;
