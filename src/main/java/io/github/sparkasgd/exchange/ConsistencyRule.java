package io.github.sparkasgd.exchange;

import io.github.sparkasgd.exchange.compress.CompressionSpec;
import java.util.List;

/**
 * The consistency model of the exchange: when the server may answer a worker's push, and whether
 * and how a push reaches the model. Consulted by the {@link ExchangeServer} on its one thread.
 * {@link StalenessBound} applies every push at once and only holds replies (ASP, SSP);
 * {@link BackupRounds} runs synchronous rounds (BSP, and BSP with backup workers).
 */
public interface ConsistencyRule {

  /**
   * Whether the held push of {@code worker}, at {@code clock} exchanges, may be answered while the
   * slowest running worker is at {@code slowest}.
   */
  boolean mayRelease(int worker, long clock, long slowest);

  /**
   * Takes a valid push: applies it to the policy now (the default) or keeps it for a round.
   *
   * @param scale the staleness-aware factor the server computed (1 when that is off)
   * @return false when the push is dropped: the server answers it at once with the current model
   */
  default boolean take(int worker, List<WeightVector> payload, double scale, ExchangePolicy policy) {
    policy.onPush(worker, payload, scale);
    return true;
  }

  /** A task attempt of the worker registered: it starts from the current model. */
  default void onRegister(int worker) {}

  /**
   * The worker stopped training: it finished (its final state is recorded) or its task ended.
   *
   * @return whether the fit should now stop the workers still training
   */
  default boolean onStopped(int worker, boolean finished, ExchangePolicy policy) {
    return false;
  }

  /** Writes what the rule counted into the fit's statistics. */
  default void report(ExchangeStats stats) {}

  /**
   * The rule the params ask for. {@code backupWorkers > 0} runs rounds with that many backups, and
   * {@code staleness = 0} with {@code exchange = delta} runs rounds with none (bulk synchronous); a
   * bound on state-exchanging schemes, or any other staleness, holds replies only.
   *
   * @param workers all tasks of the fit, backups included
   * @param modelSize coordinates of the model (a round sums its pushes in one such array)
   * @param averaged whether a round's pushes are averaged ({@code stalenessAwareStep}) or summed
   */
  static ConsistencyRule forParams(int staleness, int backupWorkers, String exchange,
      CompressionSpec compression, int workers, int modelSize, boolean averaged) {
    boolean delta = ExchangeScheme.DELTA.equals(exchange);
    if (backupWorkers > 0) {
      String what = "backupWorkers=" + backupWorkers;
      if (!delta) {
        throw new IllegalArgumentException(what + " applies to exchange=delta (a round combines the changes "
            + "workers push); got exchange=" + exchange);
      }
      if (staleness > 0) {
        throw new IllegalArgumentException(what + " runs synchronous rounds, which a staleness bound of "
            + staleness + " contradicts: leave staleness at -1 (or 0)");
      }
      if (compression.enabled()) {
        throw new IllegalArgumentException(what + " drops late pushes, which compression=" + compression.method()
            + " cannot take back (its error feedback would send a dropped push's unsent part later): use "
            + "compression=none");
      }
      if (backupWorkers >= workers) {
        throw new IllegalArgumentException(what + " must be below the fit's workers (numWorkers counts all "
            + "N + b tasks, and a round needs N >= 1 of them); this fit has " + workers + " workers");
      }
      return new BackupRounds(workers, backupWorkers, modelSize, averaged);
    }
    return staleness == 0 && delta ? new BackupRounds(workers, 0, modelSize, averaged) : new StalenessBound(staleness);
  }
}
