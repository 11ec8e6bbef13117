package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.exchange.ChunkedChannel;
import io.github.sparkasgd.exchange.ExchangeClient;
import io.github.sparkasgd.exchange.Frame;
import io.github.sparkasgd.exchange.FrameCodec;
import io.github.sparkasgd.exchange.SimulatedLink;
import io.github.sparkasgd.exchange.SparkRpc;
import io.github.sparkasgd.exchange.WeightVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * The body of one long-running async task: registers with the driver's endpoint, starts Hogwild!
 * threads on a shared weight array, and every {@code syncInterval} local steps (more where
 * {@link ExchangePacing} grows it) exchanges with the endpoint while the threads keep going. Threads
 * are always stopped and joined before it returns.
 */
final class AsyncWorker {
  private final AsyncJob job;

  private AsyncWorker(AsyncJob job) {
    this.job = job;
  }

  static WorkerReport run(Iterator<Block> blocks, AsyncJob job) {
    List<Block> list = new ArrayList<>();
    blocks.forEachRemaining(list::add);
    return new AsyncWorker(job).run(new WorkerRows(list, job.rowScale()));
  }

  private WorkerReport run(WorkerRows rows) {
    TaskContext tc = TaskContext.get();
    int worker = tc.partitionId();
    int size = job.config().objective().size();
    FrameCodec codec = new FrameCodec(size, job.scheme().maxVectors());
    ExchangeClient client = new ExchangeClient(new ChunkedChannel(
        SimulatedLink.around(SparkRpc.connect(job.endpointName()), SparkEnv.get().conf()),
        job.fitId(), worker, job.chunkBytes(), codec.maxFrameBytes()), codec, job.fitId(), tc.stageId(),
        tc.stageAttemptNumber(), worker, tc.attemptNumber(), job.timeoutMillis());
    Frame registered;
    try {
      registered = client.register();
    } catch (ExchangeClient.RejectedException e) {
      throw superseded(worker, e);
    }
    long startNanos = System.nanoTime();
    int threadCount = Math.max(1, Math.min(job.threads(), Math.max(rows.size(), 1)));
    // Threads may run one interval past the snapshot being exchanged, overlapping compute with the round trip.
    ExchangePacing pacing = new ExchangePacing(job.syncInterval(), job.adaptiveInterval(), rows.size());
    WorkerProgress progress = new WorkerProgress(2L * pacing.interval(), registered.has(Frame.STOP), threadCount);
    double[] start = registered.vectors().get(0).toDense();
    WorkerModel model = new WorkerModel(start, job.scheme().worker(start,
        Seeds.mix(job.config().seed(), worker, tc.attemptNumber())), progress, tc);
    // Resume at the epoch the endpoint recorded for this worker (a retried attempt), not at epoch 0.
    int firstEpoch = resumeEpoch(registered.examples(), rows.size(), job.config().maxIter());
    HogwildThread[] threads = startThreads(rows, model.shared(), progress, worker, tc, firstEpoch, threadCount);
    long clock = registered.clock();
    long reported = 0;
    long cycleStart = System.nanoTime();
    double seconds;
    try {
      while (true) {
        boolean done = progress.awaitSteps(reported + pacing.interval(), tc);
        long exchangeStart = System.nanoTime();
        rethrowFailure(threads);
        long now = progress.steps();
        long examples = now - reported;
        reported = now;
        double ls = progress.takeLossSum();
        double lw = progress.takeLossWeight();
        WeightVector payload = model.snapshotPush();
        model.foldIntoAverage();
        if (done) {
          // The threads ended, so the snapshot just taken is the final state, and the average is whole.
          model.finished();
          client.finish(List.of(payload, model.snapshotState(), model.averagedState()), clock, ls, lw, examples);
          seconds = (System.nanoTime() - startNanos) / 1e9;
          break;
        }
        Frame reply = client.push(payload, clock++, ls, lw, examples);
        model.adopt(reply, threads[0].currentStep(), examples);
        long exchangeEnd = System.nanoTime();
        pacing.observe(examples, (exchangeStart - cycleStart) / 1e9, (exchangeEnd - exchangeStart) / 1e9);
        cycleStart = exchangeStart;
        progress.setBudget(now + 2L * pacing.interval());
        if (reply.has(Frame.STOP)) {
          progress.stop();
        }
      }
    } catch (ExchangeClient.RejectedException e) {
      throw superseded(worker, e);
    } finally {
      progress.stop();
      for (HogwildThread t : threads) {
        joinQuietly(t);
      }
    }
    double epochs = 0;
    for (HogwildThread t : threads) {
      epochs = Math.max(epochs, t.epochs());
    }
    return new WorkerReport(worker, rows.size(), progress.steps(), seconds, epochs, client.roundTrips(),
        client.roundTripSecondsSum(), client.roundTripSecondsMax(), model.savedBytes(), model.half().peerBytes(),
        model.half().masterCalls());
  }

  /**
   * A rejected attempt (a newer attempt of the worker replaced it, e.g. a speculative copy, or the
   * fit is failing) must not end as a successful task: Spark would take its empty result as the
   * worker's and kill the attempt that holds the worker's final state.
   */
  private static IllegalStateException superseded(int worker, ExchangeClient.RejectedException e) {
    return new IllegalStateException("async worker " + worker + ": this task attempt was rejected by the "
        + "exchange endpoint (a newer attempt replaced it, or the fit is failing)", e);
  }

  /** The whole epochs that {@code recordedSteps} steps over {@code rows} rows make, at most {@code maxIter}. */
  static int resumeEpoch(long recordedSteps, int rows, int maxIter) {
    return rows == 0 ? 0 : (int) Math.min(maxIter, recordedSteps / rows);
  }

  private HogwildThread[] startThreads(WorkerRows rows, double[] w, WorkerProgress progress, int worker,
      TaskContext tc, int firstEpoch, int count) {
    HogwildThread[] threads = new HogwildThread[count];
    for (int t = 0; t < count; t++) {
      int from = (int) ((long) rows.size() * t / count);
      int to = (int) ((long) rows.size() * (t + 1) / count);
      long seed = Seeds.mix(job.config().seed(), worker, ((long) tc.attemptNumber() << 16) + t);
      threads[t] = new HogwildThread("spark-asgd-hogwild-" + worker + "-" + t, job.config(), rows,
          new RowOrder(from, to), w, progress, seed, firstEpoch,
          job.slowWorker() == null ? null : job.slowWorker().delayFor(worker));
    }
    for (HogwildThread t : threads) {
      t.start();
    }
    return threads;
  }

  private static void rethrowFailure(HogwildThread[] threads) {
    for (HogwildThread t : threads) {
      if (t.failure() != null) {
        throw new IllegalStateException("Hogwild thread " + t.getName() + " failed", t.failure());
      }
    }
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
