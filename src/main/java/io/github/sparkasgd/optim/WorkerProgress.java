package io.github.sparkasgd.optim;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.TaskContext;

/**
 * What a worker's Hogwild! threads and its exchange loop share: steps taken and their running loss,
 * the step budget the threads may not pass, the stop flag, and the step count at which the exchange
 * loop wants to be woken. Threads wake the loop when they reach that count or end, so the loop
 * sleeps instead of polling next to threads that need the cores.
 */
final class WorkerProgress {
  /** The loop still wakes this often to notice a killed task. */
  private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long BUDGET_WAIT_NANOS = 50_000;

  private final LongAdder steps = new LongAdder();
  private final DoubleAdder lossSum = new DoubleAdder();
  private final DoubleAdder lossWeight = new DoubleAdder();
  private final AtomicLong budget;
  private final AtomicBoolean stop;
  private final Thread exchangeLoop;
  private final AtomicInteger endedThreads = new AtomicInteger();
  private volatile long wakeAt = Long.MAX_VALUE;

  /** Called on the exchange loop's thread. */
  WorkerProgress(long initialBudget, boolean stopped) {
    this.budget = new AtomicLong(initialBudget);
    this.stop = new AtomicBoolean(stopped);
    this.exchangeLoop = Thread.currentThread();
  }

  /** A thread's steps and their loss since its last call. */
  void publish(long newSteps, double loss, double weight) {
    if (newSteps == 0) {
      return;
    }
    steps.add(newSteps);
    lossSum.add(loss);
    lossWeight.add(weight);
    if (steps.sum() >= wakeAt) {
      LockSupport.unpark(exchangeLoop);
    }
  }

  /** Called by a thread as the last thing it does. */
  void threadEnded() {
    endedThreads.incrementAndGet();
    LockSupport.unpark(exchangeLoop);
  }

  /** Blocks a thread while the worker's steps are at the budget. */
  void awaitBudget() {
    while (steps.sum() >= budget.get() && !stop.get()) {
      LockSupport.parkNanos(BUDGET_WAIT_NANOS);
    }
  }

  /**
   * Sleeps the exchange loop until {@code target} steps were taken or all {@code threads} ended.
   *
   * @return true when every thread ended
   * @throws IllegalStateException when the task is killed meanwhile
   */
  boolean awaitSteps(long target, int threads, TaskContext tc) {
    wakeAt = target;
    try {
      while (true) {
        if (endedThreads.get() >= threads) {
          return true;
        }
        if (steps.sum() >= target) {
          return false;
        }
        if (tc.isInterrupted() || Thread.currentThread().isInterrupted()) {
          throw new IllegalStateException("async worker task was killed");
        }
        LockSupport.parkNanos(MAX_SLEEP_NANOS);
      }
    } finally {
      wakeAt = Long.MAX_VALUE;
    }
  }

  long steps() {
    return steps.sum();
  }

  double takeLossSum() {
    return lossSum.sumThenReset();
  }

  double takeLossWeight() {
    return lossWeight.sumThenReset();
  }

  void setBudget(long steps) {
    budget.set(steps);
  }

  boolean stopped() {
    return stop.get();
  }

  void stop() {
    stop.set(true);
  }
}
