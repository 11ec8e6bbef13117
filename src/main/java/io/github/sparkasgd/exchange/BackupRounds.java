package io.github.sparkasgd.exchange;

import java.util.Arrays;
import java.util.List;

/**
 * Synchronous rounds over the endpoint, with {@code b} backup workers (Chen et al. 2016, "Revisiting
 * distributed synchronous SGD": run N + b workers, apply the first N; SystemDS's paramserv calls it
 * SBP). Every worker holds the model some round started from. A push for the open round is kept;
 * once the running workers less {@code b} (at least one) have pushed for it, the round's changes are
 * combined (averaged, or summed when pushes are not staleness-scaled), applied to the model at once,
 * and every worker that pushed is answered with the new model. A push for a closed round is dropped:
 * its worker is answered at once with the current model and continues from it, so its local steps
 * since its base are discarded. {@code b = 0} is bulk synchronous: a round waits for every running
 * worker. A worker that finishes or whose task ends no longer counts, so no round waits for it; once
 * N workers have finished their epochs the fit stops the rest (a backup would otherwise train alone).
 *
 * <p>Threading: called from the exchange server's one thread only. Memory: one model-sized sum and
 * its index and value buffers, whatever the number of workers.
 */
public final class BackupRounds implements ConsistencyRule {
  private final int backups;
  private final int mustFinish;
  private final boolean averaged;
  /** The round whose starting model each worker holds; a push from an older one is late. */
  private final long[] baseRound;
  private final boolean[] running;
  private final boolean[] finished;
  private final double[] sum;
  private final int[] indices;
  private final double[] values;
  private long[] roundSizes = new long[4];
  private long round;
  private int pushes;
  private int runningCount;
  private int finishedCount;
  private long dropped;
  private long roundsWithoutAll;

  /**
   * @param workers all tasks of the fit, N + b
   * @param backups b: how many running workers a round does not wait for
   * @param averaged average a round's pushes (else sum them)
   */
  public BackupRounds(int workers, int backups, int modelSize, boolean averaged) {
    if (backups < 0 || backups >= workers) {
      throw new IllegalArgumentException("backup workers must be in [0, " + workers + "), got " + backups);
    }
    this.backups = backups;
    this.mustFinish = workers - backups;
    this.averaged = averaged;
    this.baseRound = new long[workers];
    this.running = new boolean[workers];
    this.finished = new boolean[workers];
    this.sum = new double[modelSize];
    this.indices = new int[modelSize];
    this.values = new double[modelSize];
  }

  @Override
  public boolean mayRelease(int worker, long clock, long slowest) {
    return baseRound[worker] <= round;
  }

  @Override
  public boolean take(int worker, List<WeightVector> payload, double scale, ExchangePolicy policy) {
    if (baseRound[worker] < round) {
      dropped++;
      baseRound[worker] = round;
      return false;
    }
    payload.get(0).addTo(sum, 1.0);
    pushes++;
    baseRound[worker] = round + 1; // the model it is answered with when this round closes
    closeIfComplete(worker, policy);
    return true;
  }

  @Override
  public void onRegister(int worker) {
    if (!running[worker]) {
      running[worker] = true;
      runningCount++;
    }
    baseRound[worker] = round;
  }

  @Override
  public boolean onStopped(int worker, boolean done, ExchangePolicy policy) {
    if (running[worker]) {
      running[worker] = false;
      runningCount--;
    }
    if (done && !finished[worker]) {
      finished[worker] = true;
      finishedCount++;
    }
    closeIfComplete(worker, policy);
    return finishedCount >= mustFinish;
  }

  private void closeIfComplete(int worker, ExchangePolicy policy) {
    if (pushes == 0 || pushes < Math.max(1, runningCount - backups)) {
      return;
    }
    if (pushes >= roundSizes.length) {
      roundSizes = Arrays.copyOf(roundSizes, 2 * pushes);
    }
    roundSizes[pushes]++;
    if (pushes < runningCount) {
      roundsWithoutAll++;
    }
    double scale = averaged ? 1.0 / pushes : 1.0;
    int count = 0;
    for (int i = 0; i < sum.length; i++) {
      if (sum[i] != 0.0) {
        indices[count] = i;
        values[count++] = scale * sum[i];
        sum[i] = 0.0;
      }
    }
    policy.onPush(worker, List.of(WeightVector.of(sum.length, indices, values, count)), 1.0);
    pushes = 0;
    round++;
  }

  @Override
  public void report(ExchangeStats stats) {
    stats.droppedPushes = dropped;
    stats.roundsWithoutAll = roundsWithoutAll;
    stats.roundSizes = roundSizes.clone();
  }
}
