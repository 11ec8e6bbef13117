package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One synchronous round of the {@code batch}, {@code minibatch} and {@code simuparallel} solvers:
 * broadcast the driver's weights, let every partition turn its blocks into one {@link VectorSum}, and
 * sum those on the driver with {@code treeReduce} (or encode them and collect the bytes). The broadcast is destroyed when the round ends, so
 * rounds leave nothing behind on the executors.
 */
final class PartitionRound {
  private PartitionRound() {}

  /** A partition's work in a round; runs on an executor, one task per partition. */
  @FunctionalInterface
  interface Work extends Serializable {
    /**
     * @param w the round's weights (the broadcast value: read, never write)
     * @return the partition's sum, or null when it has nothing to add
     */
    VectorSum apply(int partition, Iterator<Block> blocks, double[] w) throws Exception;
  }

  /** A partition's sum turned into the bytes that travel instead (a compressed gradient); runs on an executor. */
  @FunctionalInterface
  interface Encoder extends Serializable {
    byte[] encode(int partition, VectorSum sum);
  }

  /** Runs one round from the driver and returns the partitions' summed results. */
  static VectorSum run(TrainingData data, double[] w, Work work) {
    return withBroadcast(data, w, weights -> data.blocks().mapPartitionsWithIndex((p, it) -> {
      VectorSum sum = work.apply(p, it, weights.value());
      return sum == null ? Collections.<VectorSum>emptyIterator() : List.of(sum).iterator();
    }, false).treeReduce(VectorSum::merge));
  }

  /** Runs one round whose partitions' results travel to the driver as {@code encoder} encodes them, one each. */
  static List<byte[]> collect(TrainingData data, double[] w, Work work, Encoder encoder) {
    return withBroadcast(data, w, weights -> data.blocks().mapPartitionsWithIndex((p, it) -> {
      VectorSum sum = work.apply(p, it, weights.value());
      return sum == null ? Collections.<byte[]>emptyIterator() : List.of(encoder.encode(p, sum)).iterator();
    }, false).collect());
  }

  private static <T> T withBroadcast(TrainingData data, double[] w, Function<Broadcast<double[]>, T> round) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.blocks().context());
    Broadcast<double[]> weights = jsc.broadcast(w);
    try {
      return round.apply(weights);
    } finally {
      weights.destroy();
    }
  }
}
