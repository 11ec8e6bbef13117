package io.github.sparkasgd.optim;

import java.util.SplittableRandom;

/** Derives independent, reproducible random streams from the fit's seed. */
public final class Seeds {
  private Seeds() {}

  /** A seed for one (a, b) pair such as (iteration, partition), decorrelated from its neighbours. */
  public static long mix(long seed, long a, long b) {
    return new SplittableRandom(seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL)).nextLong();
  }
}
