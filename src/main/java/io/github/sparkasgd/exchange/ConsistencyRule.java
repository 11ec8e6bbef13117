package io.github.sparkasgd.exchange;

/**
 * When the server may answer a worker's push: the consistency model of the exchange, consulted by
 * the {@link ExchangeServer} on its one thread.
 */
public interface ConsistencyRule {

  /** Whether a push from a worker at {@code clock} may be answered while the slowest running one is at {@code slowest}. */
  boolean mayRelease(long clock, long slowest);
}
