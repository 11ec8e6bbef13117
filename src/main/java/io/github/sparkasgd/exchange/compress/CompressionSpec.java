package io.github.sparkasgd.exchange.compress;

import java.io.Serializable;
import java.util.List;

/**
 * The {@code compression} param and its settings, shipped to the workers, which build their own
 * {@link Compressor}s from it.
 *
 * @param method {@code none}, {@code qsgd}, {@code topk} or {@code threshold}
 * @param levels qsgd: the levels s of |v_i| / ||v||
 * @param fraction topk: the fraction of the model's coordinates each message carries
 * @param threshold threshold: the magnitude a coordinate's accumulated change must exceed to travel
 */
public record CompressionSpec(String method, int levels, double fraction, double threshold) implements Serializable {
  public static final String NONE = "none";
  public static final String QSGD = "qsgd";
  public static final String TOPK = "topk";
  public static final String THRESHOLD = "threshold";
  public static final List<String> METHODS = List.of(NONE, QSGD, TOPK, THRESHOLD);
  public static final CompressionSpec OFF = new CompressionSpec(NONE, 256, 0.01, 1e-3);

  public CompressionSpec {
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("compression must be one of " + METHODS + ", got " + method);
    }
  }

  public boolean enabled() {
    return !NONE.equals(method);
  }

  /** Whether the sender keeps what a message leaves out for its next one (top-k, threshold; QSGD is unbiased). */
  public boolean feedsErrorBack() {
    return TOPK.equals(method) || THRESHOLD.equals(method);
  }

  /** A compressor for vectors of {@code size} coordinates; {@code seed} drives QSGD's rounding. */
  public Compressor newCompressor(int size, long seed) {
    return switch (method) {
      case QSGD -> new QsgdCompressor(size, levels, seed);
      case TOPK -> new TopKCompressor(size, fraction);
      case THRESHOLD -> new ThresholdCompressor(size, threshold);
      default -> throw new IllegalStateException("compression is off");
    };
  }
}
