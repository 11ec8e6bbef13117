package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.exchange.AsgdMerge;
import io.github.sparkasgd.exchange.ChunkedChannel;
import io.github.sparkasgd.exchange.ExchangeClient;
import io.github.sparkasgd.exchange.Frame;
import io.github.sparkasgd.exchange.FrameCodec;
import io.github.sparkasgd.exchange.SparkRpc;
import io.github.sparkasgd.exchange.WeightVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.TaskContext;

/**
 * The body of one long-running async task: registers with the driver's endpoint, starts Hogwild!
 * threads on a shared weight array, and every {@code syncInterval} local steps exchanges with the
 * endpoint while the threads keep going. Threads are always stopped and joined before it returns.
 */
final class AsyncWorker {
  private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  private final AsyncJob job;
  private final AsyncSettings settings;
  private final boolean delta;

  private AsyncWorker(AsyncJob job) {
    this.job = job;
    this.settings = job.config().async();
    this.delta = AsyncSettings.DELTA.equals(settings.exchange());
  }

  static WorkerReport run(Iterator<Block> blocks, AsyncJob job) {
    List<Block> list = new ArrayList<>();
    blocks.forEachRemaining(list::add);
    return new AsyncWorker(job).run(new WorkerRows(list));
  }

  private WorkerReport run(WorkerRows rows) {
    TaskContext tc = TaskContext.get();
    int worker = tc.partitionId();
    int size = job.config().objective().layout().size();
    FrameCodec codec = new FrameCodec(size, job.maxVectors());
    ExchangeClient client = new ExchangeClient(new ChunkedChannel(SparkRpc.connect(job.endpointName()),
        job.fitId(), worker, job.chunkBytes(), codec.maxFrameBytes()), codec, job.fitId(), tc.stageId(),
        tc.stageAttemptNumber(), worker, tc.attemptNumber(), job.timeoutMillis());
    Frame registered;
    try {
      registered = client.register();
    } catch (ExchangeClient.RejectedException e) {
      return WorkerReport.rejected(worker);
    }
    double[] w = registered.vectors().get(0).toDense();
    double[] base = w.clone();
    AtomicBoolean stop = new AtomicBoolean(registered.has(Frame.STOP));
    LongAdder steps = new LongAdder();
    // Threads may run one interval past the snapshot being exchanged, overlapping compute with the round trip.
    AtomicLong budget = new AtomicLong(2L * settings.syncInterval());
    DoubleAdder lossSum = new DoubleAdder();
    DoubleAdder lossWeight = new DoubleAdder();
    HogwildThread[] threads = startThreads(rows, w, stop, steps, budget, lossSum, lossWeight, worker, tc);
    long clock = registered.clock();
    long reported = 0;
    try {
      while (true) {
        boolean done = awaitSteps(threads, steps, reported + settings.syncInterval(), tc);
        rethrowFailure(threads);
        long now = steps.sum();
        long examples = now - reported;
        reported = now;
        double ls = lossSum.sumThenReset();
        double lw = lossWeight.sumThenReset();
        double[] snapshot = w.clone();
        if (done) {
          WeightVector last = delta ? WeightVector.compact(minus(snapshot, base)) : WeightVector.dense(snapshot);
          client.finish(last, clock, ls, lw, examples);
          break;
        }
        Frame reply = client.push(delta ? WeightVector.compact(minus(snapshot, base)) : WeightVector.dense(snapshot),
            clock++, ls, lw, examples);
        double[] merged = delta ? applyModel(reply, base) : AsgdMerge.merge(base, snapshot,
            reply.vectors(), threads[0].currentStep());
        // Keep the progress the threads made while the exchange was in flight: w += merged - snapshot.
        for (int i = 0; i < w.length; i++) {
          w[i] += merged[i] - snapshot[i];
        }
        System.arraycopy(merged, 0, base, 0, base.length);
        budget.set(now + 2L * settings.syncInterval());
        if (reply.has(Frame.STOP)) {
          stop.set(true);
        }
      }
    } catch (ExchangeClient.RejectedException e) {
      return WorkerReport.rejected(worker);
    } finally {
      stop.set(true);
      for (HogwildThread t : threads) {
        joinQuietly(t);
      }
    }
    double epochs = 0;
    for (HogwildThread t : threads) {
      epochs = Math.max(epochs, t.epochs());
    }
    return new WorkerReport(worker, false, steps.sum(), epochs, client.roundTrips(),
        client.roundTripSecondsSum(), client.roundTripSecondsMax());
  }

  private HogwildThread[] startThreads(WorkerRows rows, double[] w, AtomicBoolean stop, LongAdder steps,
      AtomicLong budget, DoubleAdder lossSum, DoubleAdder lossWeight, int worker, TaskContext tc) {
    int count = Math.max(1, Math.min(job.threads(), Math.max(rows.size(), 1)));
    HogwildThread[] threads = new HogwildThread[count];
    for (int t = 0; t < count; t++) {
      int from = (int) ((long) rows.size() * t / count);
      int to = (int) ((long) rows.size() * (t + 1) / count);
      int[] order = new int[to - from];
      for (int i = 0; i < order.length; i++) {
        order[i] = from + i;
      }
      long seed = Seeds.mix(job.config().seed(), worker, ((long) tc.attemptNumber() << 16) + t);
      threads[t] = new HogwildThread("spark-asgd-hogwild-" + worker + "-" + t, job.config(), rows, order, w,
          stop, steps, budget, lossSum, lossWeight, seed);
    }
    for (HogwildThread t : threads) {
      t.start();
    }
    return threads;
  }

  /** Waits until {@code target} steps were taken or every thread ended; true when they all ended. */
  private static boolean awaitSteps(HogwildThread[] threads, LongAdder steps, long target, TaskContext tc) {
    while (true) {
      boolean anyAlive = false;
      for (HogwildThread t : threads) {
        anyAlive |= t.isAlive();
      }
      if (!anyAlive) {
        return true;
      }
      if (steps.sum() >= target) {
        return false;
      }
      if (tc.isInterrupted() || Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("async worker task was killed");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private static void rethrowFailure(HogwildThread[] threads) {
    for (HogwildThread t : threads) {
      if (t.failure() != null) {
        throw new IllegalStateException("Hogwild thread " + t.getName() + " failed", t.failure());
      }
    }
  }

  private static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }

  /** The server model: what {@code base} was, with the coordinates the reply carries overwritten. */
  private static double[] applyModel(Frame reply, double[] base) {
    double[] model = base.clone();
    reply.vectors().get(0).copyInto(model);
    return model;
  }

  private static void joinQuietly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
