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
 * the step budget the threads may not pass, the stop flag, the step count at which the exchange
 * loop wants to be woken, and the pause in which the loop adopts an exchange's result. Threads wake
 * the loop when they reach that count or end, so the loop sleeps instead of polling next to threads
 * that need the cores.
 *
 * <p>Why adoption pauses the threads: a thread's step is a plain read-modify-write of the shared
 * array, so an add by the exchange loop that lands between a thread's read and its write is lost,
 * even when the loop adds atomically (the thread writes back its stale value plus its step). Losing a
 * thread's step is Hogwild!'s bargain; losing an adoption is not: the next delta push would then
 * report the lost amount as this worker's progress and undo other workers' progress on the server.
 * The threads already stop every {@link HogwildThread} check interval for the budget, so the pause
 * costs at most that many rows per thread and one pass over the model per exchange.
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
  private final AtomicInteger pausedThreads = new AtomicInteger();
  private final int threads;
  private volatile long wakeAt = Long.MAX_VALUE;
  private volatile boolean pauseRequested;

  /**
   * Called on the exchange loop's thread.
   *
   * @param threads the Hogwild! threads that will call {@link #checkpoint()} and {@link #threadEnded()}
   */
  WorkerProgress(long initialBudget, boolean stopped, int threads) {
    this.budget = new AtomicLong(initialBudget);
    this.stop = new AtomicBoolean(stopped);
    this.exchangeLoop = Thread.currentThread();
    this.threads = threads;
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

  /**
   * Called by a thread between rows (never inside a step): blocks it while the worker's steps are at
   * the budget or the exchange loop holds a pause, until the worker stops.
   */
  void checkpoint() {
    while (!stop.get()) {
      if (pauseRequested) {
        waitOutPause();
      } else if (steps.sum() >= budget.get()) {
        LockSupport.parkNanos(BUDGET_WAIT_NANOS);
      } else {
        return;
      }
    }
  }

  private void waitOutPause() {
    // The increment publishes this thread's writes to the loop (it reads the count before it writes).
    pausedThreads.incrementAndGet();
    LockSupport.unpark(exchangeLoop);
    while (pauseRequested && !stop.get()) {
      LockSupport.parkNanos(BUDGET_WAIT_NANOS);
    }
    pausedThreads.decrementAndGet();
  }

  /**
   * Called by the exchange loop: returns once no thread is inside a step (each is paused at a
   * checkpoint or ended), so that the loop may write the shared array without losing its writes.
   * Every call must be followed by {@link #resumeThreads()}.
   *
   * @throws IllegalStateException when the task is killed meanwhile
   */
  void pauseThreads(TaskContext tc) {
    pauseRequested = true;
    while (pausedThreads.get() + endedThreads.get() < threads) {
      if ((tc != null && tc.isInterrupted()) || Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("async worker task was killed");
      }
      LockSupport.parkNanos(MAX_SLEEP_NANOS);
    }
  }

  /** Ends the pause; the volatile write publishes the loop's writes to the threads. */
  void resumeThreads() {
    pauseRequested = false;
  }

  /**
   * Sleeps the exchange loop until {@code target} steps were taken or every thread ended.
   *
   * @return true when every thread ended
   * @throws IllegalStateException when the task is killed meanwhile
   */
  boolean awaitSteps(long target, TaskContext tc) {
    wakeAt = target;
    try {
      while (true) {
        if (endedThreads.get() >= this.threads) {
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
