package io.github.sparkasgd.optim;

import java.io.Serializable;

/**
 * Fault injection for tests and benchmarks, the setting {@link AsyncSolver#SLOW_WORKER_CONF}
 * ({@code <partition>:<factor>}): the async worker of that partition becomes a straggler whose
 * Hogwild! threads each sleep {@code factor - 1} times the time their steps took, so its steps take
 * {@code factor} times as long and a straggler is reproducible instead of waited for.
 */
record SlowWorker(int partition, double factor) implements Serializable {

  /** The setting's value parsed, or null when it is unset or empty. */
  static SlowWorker parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String[] parts = value.trim().split(":");
    try {
      if (parts.length == 2) {
        SlowWorker s = new SlowWorker(Integer.parseInt(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        if (s.partition >= 0 && s.factor >= 1 && Double.isFinite(s.factor)) {
          return s;
        }
      }
    } catch (NumberFormatException e) {
      // reported below with the expected form
    }
    throw new IllegalArgumentException(AsyncSolver.SLOW_WORKER_CONF + " must be <partition>:<factor> with a "
        + "partition >= 0 and a finite factor >= 1 (3: that worker's steps take 3x as long), got " + value);
  }

  /** A delay for one of {@code worker}'s threads, or null when that worker is not the slow one. */
  StepDelay delayFor(int worker) {
    return worker == partition && factor > 1 ? new StepDelay(factor) : null;
  }
}
