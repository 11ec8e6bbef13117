package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.exchange.Frame;
import io.github.sparkasgd.exchange.FrameCodec;
import io.github.sparkasgd.exchange.MessageType;
import io.github.sparkasgd.exchange.WeightVector;
import io.github.sparkasgd.exchange.compress.CompressionSpec;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The rounds of a {@code minibatch} fit: each partition's sum travels to the driver whole
 * ({@code treeReduce}) or, with {@code compression}, compressed by the partition into a frame of the
 * exchange's wire format that the driver decodes and adds up. Counts the bytes each way for the
 * summary. Top-k and threshold keep what a message left out on the executor ({@link ResidualStore});
 * {@link #close} releases it, however the fit ends. Driver side; not thread-safe (one fit's loop).
 */
final class GradientRounds implements AutoCloseable {
  private static final int LOSS = 0;
  private static final int WEIGHT = 1;
  private static final int ROWS = 2;
  private static final int SCALARS = 3;

  private final TrainingData data;
  private final Encoder encoder;
  private final FrameCodec codec;
  private long messages;
  private long bytesFromWorkers;
  private long bytesToWorkers;

  /**
   * @param compression how the partitions' sums travel; the sums must be {@code size} long with the
   *     three scalars loss, weight and rows, which travel as the frame's loss sum, loss weight and examples
   */
  GradientRounds(TrainingData data, CompressionSpec compression, int size, long seed) {
    this.data = data;
    this.encoder = compression.enabled()
        ? new Encoder(ThreadLocalRandom.current().nextLong(), compression, size, seed) : null;
    this.codec = new FrameCodec(size, 1);
  }

  /**
   * Runs one round at weights {@code w}; {@code step} numbers it (QSGD's rounding seed, retries).
   * Compressed, the partitions send their sums times {@code scale}, the step the solver takes along the
   * summed gradient ({@code eta / W}): a coordinate's change in the model's units, as in the async
   * exchange, which is what {@code compressionThreshold} and the kept residuals are in.
   */
  VectorSum run(double[] w, long step, double scale, PartitionRound.Work work) {
    int partitions = data.blocks().getNumPartitions();
    bytesToWorkers += 8L * w.length * partitions;
    if (encoder == null) {
      messages += partitions;
      bytesFromWorkers += partitions * uncompressedBytes(w.length);
      return PartitionRound.run(data, w, work);
    }
    Encoder enc = encoder;
    List<byte[]> frames = PartitionRound.collect(data, w, work, (p, sum) -> enc.encode(p, step, scale, sum));
    VectorSum sum = new VectorSum(w.length, SCALARS);
    for (byte[] bytes : frames) {
      Frame f = codec.decode(bytes);
      f.vectors().get(0).addTo(sum.vector, 1.0 / scale);
      sum.scalars[LOSS] += f.lossSum();
      sum.scalars[WEIGHT] += f.lossWeight();
      sum.scalars[ROWS] += f.examples();
      messages++;
      bytesFromWorkers += bytes.length;
    }
    return sum;
  }

  /** A partition's uncompressed result: its dense sum and scalars, in doubles. */
  private static long uncompressedBytes(int size) {
    return 8L * (size + SCALARS);
  }

  /**
   * The rounds' traffic: partitions' messages, their bytes, and the weights broadcast to them (8 bytes
   * a coordinate for every partition's task each round: an upper bound, since Spark's broadcast
   * fetches them once per executor).
   */
  ExchangeStats stats(int size) {
    return ExchangeStats.ofRounds(messages, bytesFromWorkers, bytesToWorkers, messages * uncompressedBytes(size));
  }

  @Override
  public void close() {
    if (encoder != null && encoder.spec.feedsErrorBack()) {
      try {
        ResidualRelease.run(data.blocks().rdd(), encoder.fitId);
      } catch (RuntimeException e) { // the fit's result (or its own failure) matters more than a leftover
        org.slf4j.LoggerFactory.getLogger(GradientRounds.class).warn("Could not release the minibatch "
            + "compression residuals of fit {} on the executors", Long.toHexString(encoder.fitId), e);
      }
    }
  }

  /** The executors' half: compresses a partition's sum into a frame, shipped in each round's closure. */
  private record Encoder(long fitId, CompressionSpec spec, int size, long seed) implements Serializable {
    byte[] encode(int partition, long step, double scale, VectorSum sum) {
      for (int i = 0; i < size; i++) {
        sum.vector[i] *= scale;
      }
      if (!spec.feedsErrorBack()) {
        // Unbiased on its own: no state, and each (step, partition) rounds with its own seed, reproducibly.
        return frame(partition, step, sum, spec.newCompressor(size, Seeds.mix(seed, step, partition))
            .compress(sum.vector));
      }
      ResidualStore.Residual r = ResidualStore.get(fitId, partition,
          () -> new ResidualStore.Residual(size, spec.newCompressor(size, seed)));
      if (r == null) { // a late attempt of a fit that has ended: its result goes nowhere
        r = new ResidualStore.Residual(size, spec.newCompressor(size, seed));
      }
      synchronized (r) {
        // A retried (or late) attempt of a step it already sent: the same message, the residual as it is.
        if (step <= r.step) {
          return r.lastMessage;
        }
        for (int i = 0; i < size; i++) {
          r.kept[i] += sum.vector[i];
        }
        r.lastMessage = frame(partition, step, sum, r.compressor.compress(r.kept));
        r.step = step;
        return r.lastMessage;
      }
    }

    private byte[] frame(int partition, long step, VectorSum sum, WeightVector sent) {
      return new FrameCodec(size, 1).encode(new Frame(MessageType.PUSH, fitId, 0, 0, partition, 0, step, step, 0,
          sum.scalars[LOSS], sum.scalars[WEIGHT], (long) sum.scalars[ROWS], List.of(sent)));
    }
  }
}
