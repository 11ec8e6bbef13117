package io.github.sparkasgd.exchange;

import java.util.function.LongSupplier;

/**
 * Paces bytes to a rate: tokens (bits) accrue at {@code bitsPerSecond} up to {@code depthBits}, a
 * message takes its bits, and a message larger than the tokens at hand drives them below zero, the
 * debt its sender waits off. So a message waits for the messages before it and then for its own
 * bits, as on a link of that rate. Not thread-safe: one exchange thread per worker uses it.
 */
final class TokenBucket {
  private final double bitsPerSecond;
  private final double depthBits;
  private final LongSupplier nanoClock;
  private double tokens;
  private long last;

  TokenBucket(double bitsPerSecond, double depthBits, LongSupplier nanoClock) {
    if (!(bitsPerSecond > 0) || Double.isInfinite(bitsPerSecond)) {
      throw new IllegalArgumentException("a link's rate must be positive and finite, got " + bitsPerSecond);
    }
    this.bitsPerSecond = bitsPerSecond;
    this.depthBits = depthBits;
    this.nanoClock = nanoClock;
    this.tokens = depthBits;
    this.last = nanoClock.getAsLong();
  }

  /** Takes a message of {@code bytes}; returns the nanoseconds until the link has carried it. */
  long take(long bytes) {
    long now = nanoClock.getAsLong();
    tokens = Math.min(depthBits, tokens + (now - last) * bitsPerSecond / 1e9);
    last = now;
    tokens -= 8.0 * bytes;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * 1e9 / bitsPerSecond);
  }
}
