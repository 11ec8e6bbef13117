package io.github.sparkasgd.exchange;

import io.github.sparkasgd.exchange.compress.CompressionSpec;
import io.github.sparkasgd.exchange.compress.Compressor;
import java.util.List;

/**
 * The parameter server ({@code exchange = "delta"}): a worker pushes what changed since its last
 * exchange, the server adds it ({@link DeltaPolicy}) and replies with the model's coordinates that
 * changed since the worker's last reply. With compression, pushes travel compressed (top-k and
 * threshold keep what they did not send and add it to the next change), and replies carry the
 * compressed difference between the model and what the server sent that worker so far, which the
 * worker adds to its base.
 */
public record DeltaScheme(CompressionSpec compression) implements ExchangeScheme {

  @Override
  public ExchangePolicy server(double[] initialModel, int numWorkers) {
    return new DeltaPolicy(initialModel, numWorkers, compression);
  }

  @Override
  public WorkerHalf worker(double[] start, long seed) {
    return compression.enabled() ? new Compressed(start, compression.newCompressor(start.length, seed))
        : new Plain(start);
  }

  @Override
  public int maxVectors() {
    return ExchangePolicy.FINISH_VECTORS;
  }

  /** Pushes the changed coordinates exactly; the reply overwrites those of the base it carries. */
  static final class Plain implements WorkerHalf {
    private final double[] base;
    private final int[] changedIndices;
    private final double[] changedValues;

    Plain(double[] start) {
      this.base = start.clone();
      this.changedIndices = new int[start.length];
      this.changedValues = new double[start.length];
    }

    @Override
    public WeightVector push(double[] snapshot) {
      int changed = 0;
      for (int i = 0; i < snapshot.length; i++) {
        double d = snapshot[i] - base[i];
        if (d != 0.0) {
          changedIndices[changed] = i;
          changedValues[changed++] = d;
        }
      }
      return WeightVector.of(snapshot.length, changedIndices, changedValues, changed);
    }

    @Override
    public boolean adopt(List<WeightVector> reply, double[] snapshot, double step, long steps) {
      reply.get(0).copyInto(base);
      return true;
    }

    @Override
    public double[] base() {
      return base;
    }
  }

  /** Pushes the compressed change plus what earlier pushes kept back; the reply is a change to the base. */
  static final class Compressed implements WorkerHalf {
    private final double[] base;
    private final double[] carried;
    private final Compressor compressor;

    Compressed(double[] start, Compressor compressor) {
      this.base = start.clone();
      this.carried = new double[start.length];
      this.compressor = compressor;
    }

    @Override
    public WeightVector push(double[] snapshot) {
      for (int i = 0; i < snapshot.length; i++) {
        carried[i] += snapshot[i] - base[i];
      }
      return compressor.compress(carried);
    }

    @Override
    public boolean adopt(List<WeightVector> reply, double[] snapshot, double step, long steps) {
      reply.get(0).addTo(base, 1.0);
      return true;
    }

    @Override
    public double[] base() {
      return base;
    }

    @Override
    public long savedBytes() {
      return compressor.savedBytes();
    }
  }
}
