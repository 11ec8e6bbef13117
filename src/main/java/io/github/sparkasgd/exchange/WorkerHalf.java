package io.github.sparkasgd.exchange;

import java.util.List;

/**
 * A worker's side of an exchange scheme: what it pushes from a snapshot of its weights and the model
 * it moves to when the reply comes. It holds the worker's base (its weights as of the last exchange).
 * Called from the worker's one exchange thread only.
 */
public interface WorkerHalf {

  /** The push for {@code snapshot}, the worker's weights now. */
  WeightVector push(double[] snapshot);

  /**
   * Adopts the reply to the push of {@code snapshot}; afterwards {@link #base()} is the model the
   * worker's weights move to ({@code weights += base - snapshot}, keeping the steps made meanwhile).
   *
   * @param step the per-step rate
   * @param steps the worker's local steps from its last exchange to the snapshot
   * @return false where the weights stay as they are (the snapshot became the base)
   */
  boolean adopt(List<WeightVector> reply, double[] snapshot, double step, long steps);

  double[] base();

  /** What the pushes so far would have taken uncompressed, less what they took. */
  default long savedBytes() {
    return 0;
  }

  /** The worker's threads ended at {@code finalState}, just before it reports its finish to the driver. */
  default void finished(double[] finalState) {}

  /** Bytes this worker read from other executors (gossip), not through the driver. */
  default long peerBytes() {
    return 0;
  }

  /** Calls this worker made to Spark's block manager master in the driver (gossip). */
  default long masterCalls() {
    return 0;
  }
}
