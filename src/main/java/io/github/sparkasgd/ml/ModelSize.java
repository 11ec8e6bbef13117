package io.github.sparkasgd.ml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.util.SizeEstimator;

/**
 * A fitted model's {@code estimatedSize} (Spark 4's {@code Model}), which Spark Connect's model cache
 * counts against its memory limit: the model's own numbers and its param values, as MLlib's models count
 * them. Spark's default estimates the whole object graph, which reaches the parent estimator (and its
 * warm-start model) and the training summary: driver objects a cached model does not need.
 */
public final class ModelSize {
  /** Object headers, array headers and scalar fields of a model, rounded up. */
  private static final long OVERHEAD = 256;

  private ModelSize() {}

  public static long of(Params model, double[]... arrays) {
    long bytes = OVERHEAD;
    for (double[] a : arrays) {
      bytes += a == null ? 0 : 16 + 8L * a.length;
    }
    // Through params() and getOrDefault, not a ParamMap's Scala collections, whose signatures differ
    // between Scala 2.12 and 2.13.
    for (Param<?> p : model.params()) {
      Object value = model.isDefined(p) ? model.getOrDefault(p) : null;
      bytes += value == null ? 0 : SizeEstimator.estimate(value);
    }
    return bytes;
  }
}
