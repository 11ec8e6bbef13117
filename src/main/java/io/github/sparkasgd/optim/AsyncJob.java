package io.github.sparkasgd.optim;

import io.github.sparkasgd.exchange.ExchangeScheme;
import java.io.Serializable;

/**
 * Everything an async worker task needs, shipped in its closure: never an endpoint reference
 * (tasks look the endpoint up by name).
 *
 * @param adaptiveInterval whether workers may lengthen {@code syncInterval} ({@link ExchangePacing})
 * @param rowScale the whole dataset's rows over its weight sum: every worker scales its steps by
 *     this one factor, so a row's weight means the same on every worker
 * @param slowWorker the injected straggler ({@link AsyncSolver#SLOW_WORKER_CONF}), or null
 */
record AsyncJob(String endpointName, long fitId, SolverConfig config, ExchangeScheme scheme, int threads,
    int syncInterval, boolean adaptiveInterval, long timeoutMillis, int chunkBytes, double rowScale,
    SlowWorker slowWorker) implements Serializable {}
