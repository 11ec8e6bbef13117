package io.github.sparkasgd.optim;

/**
 * How many local steps a worker makes between two exchanges. A fixed interval ({@code syncInterval}
 * set, or a consistency rule that counts exchanges) stays as it is. The automatic one is sized from
 * the model's bytes ({@link AsyncSolver#autoSyncInterval}), which misses what an exchange costs
 * whatever its size: the round trip through Spark's RPC, waking the exchange loop and pausing the
 * threads to adopt the reply, together 0.3-1 ms. A small model's interval then takes less than that:
 * k-means at k = 10, d = 10 makes its 1,000 steps in 0.2 ms, and {@code async} spent a third of an epoch of
 * 1M rows on its 500 exchanges per worker, where {@code simuparallel} ran the same pass without them. So
 * after each exchange the interval grows until the worker's steps take {@link #STEPS_PER_EXCHANGE_TIME}
 * times what the exchange took, keeping at least {@link #MIN_EXCHANGES_PER_EPOCH} exchanges per pass
 * over the worker's rows.
 *
 * <p>Threading: the worker's exchange loop only.
 */
final class ExchangePacing {
  /** Fewest exchanges per pass over the worker's rows that a grown interval keeps. */
  static final int MIN_EXCHANGES_PER_EPOCH = 16;
  /** Time the steps between exchanges take over the time one exchange takes. */
  static final double STEPS_PER_EXCHANGE_TIME = 10.0;

  private final long base;
  private final long max;
  private final boolean adaptive;
  private long interval;

  /**
   * @param base the configured or automatic interval
   * @param adaptive whether the interval may grow
   * @param rows the worker's rows
   */
  ExchangePacing(long base, boolean adaptive, long rows) {
    this.base = base;
    this.adaptive = adaptive;
    this.max = Math.max(base, Math.min(AsyncSolver.MAX_AUTO_SYNC_INTERVAL, rows / MIN_EXCHANGES_PER_EPOCH));
    this.interval = base;
  }

  long interval() {
    return interval;
  }

  /**
   * After an exchange: the worker made {@code steps} steps in the {@code cycleSeconds} from the
   * previous exchange's start to this one's, and this one took {@code exchangeSeconds}.
   */
  void observe(long steps, double cycleSeconds, double exchangeSeconds) {
    if (!adaptive || steps <= 0 || !(cycleSeconds > 0.0)) {
      return;
    }
    // The cycle includes the threads' stalls, so this rate is at most their own: while they stall the
    // interval grows at most by the stall's share, and it settles where the exchange is a tenth.
    double stepsPerSecond = steps / cycleSeconds;
    double wanted = Math.ceil(STEPS_PER_EXCHANGE_TIME * exchangeSeconds * stepsPerSecond);
    interval = (long) Math.min(max, Math.max(base, wanted));
  }
}
