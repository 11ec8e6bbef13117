package io.github.sparkasgd.exchange.gossip;

import io.github.sparkasgd.exchange.WeightVector;
import io.github.sparkasgd.exchange.WorkerHalf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.TaskContext;

/**
 * A worker's half of D-PSGD (Lian et al. 2017): at each exchange (round r) it publishes its snapshot
 * as a block, reads its neighbours' round-r blocks and moves to {@code x_i <- W_ii x_i + sum_j W_ij x_j};
 * the threads' steps made meanwhile are kept on top ({@link WorkerHalf#adopt}). Rounds count this
 * task attempt's exchanges, so neighbours mix parameters of the same round. Its push to the driver
 * carries no parameters, except its state once after the driver asked (the consensus distance's
 * sample). A worker that ends publishes a final block, which neighbours still running mix in place
 * of its later rounds, so none waits for a round that will not come; waiting longer than the fit's
 * timeout fails the task. Round r-1's block is dropped once every neighbour published round r (they
 * have read it then). Called from the worker's one exchange thread only.
 */
final class GossipMixer implements WorkerHalf {
  /** The round of a worker's final block. */
  static final long FINAL = (1L << 36) - 1;
  private static final long MAX_POLL_NANOS = 2_000_000L;

  private final SparkBlocks blocks;
  private final int worker;
  private final int attempt;
  private final int[] neighbours;
  private final double[] weights;
  private final double selfWeight;
  private final long timeoutMillis;
  private final TaskContext task;
  private final double[] base;
  /** A finished neighbour's final parameters, read once. */
  private final double[][] finals;
  private final WeightVector nothing;
  private long round;
  private boolean stateAsked;

  /**
   * @param attempt the stage attempt: a retried stage's workers start again at round 0 under new keys
   * @param task the task, whose kill ends a wait (null outside a task)
   */
  GossipMixer(double[] start, SparkBlocks blocks, GossipGraph graph, int worker, int attempt, long timeoutMillis,
      TaskContext task) {
    this.blocks = blocks;
    this.worker = worker;
    this.attempt = attempt;
    this.neighbours = graph.neighbours(worker);
    this.weights = graph.weights(worker);
    this.selfWeight = graph.selfWeight(worker);
    this.timeoutMillis = timeoutMillis;
    this.task = task;
    this.base = start.clone();
    this.finals = new double[neighbours.length][];
    this.nothing = new WeightVector(start.length, new int[0], new double[0]);
  }

  /** The block key of a worker's round: stage attempt, worker and round packed, non-negative. */
  static long key(int attempt, int worker, long round) {
    if (attempt >= (1 << 11) || worker >= (1 << 16) || round > FINAL) {
      throw new IllegalArgumentException("gossip block key out of range: attempt " + attempt + ", worker "
          + worker + ", round " + round);
    }
    return ((long) attempt << 52) | ((long) worker << 36) | round;
  }

  @Override
  public WeightVector push(double[] snapshot) {
    blocks.put(key(attempt, worker, round), encode(snapshot));
    if (stateAsked) {
      stateAsked = false;
      return WeightVector.dense(snapshot.clone());
    }
    return nothing;
  }

  /** The reply carries a vector when the driver asks for this worker's state at its next push. */
  @Override
  public boolean adopt(List<WeightVector> reply, double[] snapshot, double step, long steps) {
    stateAsked = !reply.isEmpty();
    if (neighbours.length == 0) {
      System.arraycopy(snapshot, 0, base, 0, base.length);
      round++;
      return false;
    }
    for (int i = 0; i < base.length; i++) {
      base[i] = selfWeight * snapshot[i];
    }
    for (int k = 0; k < neighbours.length; k++) {
      addNeighbour(k);
    }
    if (round > 0) {
      blocks.remove(key(attempt, worker, round - 1));
    }
    round++;
    return true;
  }

  /** Publishes the final state for the neighbours that keep running. */
  @Override
  public void finished(double[] finalState) {
    blocks.put(key(attempt, worker, FINAL), encode(finalState));
  }

  @Override
  public double[] base() {
    return base;
  }

  @Override
  public long peerBytes() {
    return blocks.remoteBytes();
  }

  @Override
  public long masterCalls() {
    return blocks.masterCalls();
  }

  private void addNeighbour(int k) {
    if (finals[k] != null) {
      addScaled(finals[k], weights[k]);
      return;
    }
    int j = neighbours[k];
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    long pause = 100_000L;
    double w = weights[k];
    while (!blocks.read(key(attempt, j, round), buffer -> addScaled(buffer, w))) {
      if (blocks.read(key(attempt, j, FINAL), buffer -> finals[k] = decode(buffer))) {
        addScaled(finals[k], weights[k]);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gossip: worker " + worker + " waited " + timeoutMillis + " ms "
            + "(spark.rpc.askTimeout) for the parameters of worker " + j + ", round " + round + ", which did not "
            + "appear: that worker is lost or stalled");
      }
      if (task != null) {
        task.killTaskIfInterrupted();
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(MAX_POLL_NANOS, 2 * pause);
    }
  }

  private void addScaled(ByteBuffer buffer, double weight) {
    requireSize(buffer);
    int at = buffer.position();
    for (int i = 0; i < base.length; i++) {
      base[i] += weight * buffer.getDouble(at + 8 * i);
    }
  }

  private void addScaled(double[] x, double weight) {
    for (int i = 0; i < base.length; i++) {
      base[i] += weight * x[i];
    }
  }

  private double[] decode(ByteBuffer buffer) {
    requireSize(buffer);
    double[] x = new double[base.length];
    buffer.asDoubleBuffer().get(x);
    return x;
  }

  private void requireSize(ByteBuffer buffer) {
    if (buffer.remaining() != 8L * base.length) {
      throw new IllegalStateException("gossip: a neighbour's block has " + buffer.remaining() + " bytes, expected "
          + 8L * base.length + " (" + base.length + " doubles)");
    }
  }

  /** Raw little-endian doubles in a fresh buffer: the block manager keeps it until the block is removed. */
  private static ByteBuffer encode(double[] x) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * x.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(x);
    return buffer;
  }
}
