package io.github.sparkasgd.exchange;

import java.util.List;

/**
 * Keuper and Pfreundt's state exchange ({@code exchange = "asgd"}; with no mailbox, {@code "none"}):
 * a worker pushes its whole state, the server relays it to another worker ({@link AsgdPolicy}), and
 * the reply's external states are merged into the pusher's by {@link AsgdMerge}.
 *
 * @param capacity external states a worker's mailbox keeps; 0 relays nothing
 * @param seed which worker receives a deposited state
 */
public record AsgdScheme(int capacity, long seed) implements ExchangeScheme {

  @Override
  public ExchangePolicy server(double[] initialModel, int numWorkers) {
    return new AsgdPolicy(initialModel, numWorkers, capacity, seed);
  }

  @Override
  public WorkerHalf worker(double[] start, long seed) {
    return new Half(start);
  }

  @Override
  public int maxVectors() {
    return Math.max(ExchangePolicy.FINISH_VECTORS, capacity);
  }

  /** Pushes the state; merges the relayed states into the base. */
  static final class Half implements WorkerHalf {
    private final double[] base;

    Half(double[] start) {
      this.base = start.clone();
    }

    @Override
    public WeightVector push(double[] snapshot) {
      return WeightVector.dense(snapshot.clone());
    }

    @Override
    public boolean adopt(List<WeightVector> reply, double[] snapshot, double step, long steps) {
      if (reply.isEmpty()) {
        // Nothing to merge: the snapshot is the new base, and the threads need no pause.
        System.arraycopy(snapshot, 0, base, 0, base.length);
        return false;
      }
      double[] merged = AsgdMerge.merge(base, snapshot, reply, step, steps);
      System.arraycopy(merged, 0, base, 0, base.length);
      return true;
    }

    @Override
    public double[] base() {
      return base;
    }
  }
}
