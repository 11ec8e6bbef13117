/**
 * The {@code spark-submit}-able job: loads or generates data, trains an SGD estimator with progress
 * printed per epoch, and reports held-out metrics, optionally next to MLlib's own estimator.
 */
package io.github.sparkasgd.cli;
