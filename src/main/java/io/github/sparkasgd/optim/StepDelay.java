package io.github.sparkasgd.optim;

import java.util.concurrent.locks.LockSupport;

/**
 * A straggler's sleeps ({@link SlowWorker}): after each slice of steps it owes {@code factor - 1}
 * times the time the slice took, and sleeps once it owes a millisecond (shorter sleeps overshoot by
 * more than a sparse slice takes). What a sleep overshoots is credited to the next, so the thread's
 * steps take {@code factor} times as long on average.
 *
 * <p>Threading: one instance per Hogwild! thread, used by that thread only.
 */
final class StepDelay {
  private static final long MIN_SLEEP_NANOS = 1_000_000;
  private final double extra;
  private long owedNanos;

  StepDelay(double factor) {
    this.extra = factor - 1;
  }

  /** Called after a slice of steps that began at {@code startNanos} ({@link System#nanoTime}). */
  void after(long startNanos) {
    long now = System.nanoTime();
    owedNanos += (long) (extra * (now - startNanos));
    if (owedNanos >= MIN_SLEEP_NANOS) {
      LockSupport.parkNanos(owedNanos);
      owedNanos -= System.nanoTime() - now;
    }
  }
}
