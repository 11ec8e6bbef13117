package io.github.sparkasgd.exchange;

/**
 * The {@code staleness} param: -1 answers every push at once (ASP, fully asynchronous), 0 holds a
 * worker until every running one has pushed as often (BSP over the endpoint), s holds one that is
 * more than s exchanges ahead of the slowest (SSP). Pushes are applied as they arrive.
 */
public record StalenessBound(int staleness) implements ConsistencyRule {

  @Override
  public boolean mayRelease(int worker, long clock, long slowest) {
    return staleness < 0 || clock - slowest <= staleness;
  }
}
