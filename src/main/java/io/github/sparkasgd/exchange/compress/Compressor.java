package io.github.sparkasgd.exchange.compress;

import io.github.sparkasgd.exchange.FrameCodec;
import io.github.sparkasgd.exchange.WeightVector;

/**
 * Compresses model-sized changes before they travel. One instance per sender (a worker's pushes, the
 * server's replies), owning its scratch buffers: not thread-safe, it is called from the one thread
 * that exchanges.
 */
public abstract class Compressor {
  private long inputBytes;
  private long outputBytes;

  /**
   * The vector to send for {@code change}. Afterwards {@code change} holds what the sender carries
   * into its next change: what was not sent where the scheme feeds its error back (top-k, threshold),
   * zeros where it does not (QSGD, unbiased on its own).
   */
  public final WeightVector compress(double[] change) {
    int nonzeros = 0;
    for (double x : change) {
      if (x != 0.0) {
        nonzeros++;
      }
    }
    inputBytes += FrameCodec.plainBytes(change.length, nonzeros);
    WeightVector sent = encode(change);
    outputBytes += FrameCodec.encodedBytes(sent);
    return sent;
  }

  abstract WeightVector encode(double[] change);

  /** What the changes given so far would have taken in uncompressed frames, less what they took. */
  public long savedBytes() {
    return inputBytes - outputBytes;
  }

  /** {@code change} as a gap-coded float32 vector of the coordinates {@code keep} selects; the rest stays. */
  static WeightVector sendSelected(double[] change, int[] indices, double[] values, java.util.function.IntPredicate keep) {
    int count = 0;
    for (int i = 0; i < change.length; i++) {
      if (change[i] != 0.0 && keep.test(i)) {
        float sent = (float) change[i];
        indices[count] = i;
        values[count++] = sent;
        // The float is what arrives, so its rounding stays with the sender too.
        change[i] -= sent;
      }
    }
    return new WeightVector(change.length, java.util.Arrays.copyOf(indices, count),
        java.util.Arrays.copyOf(values, count), WeightVector.Encoding.SPARSE32);
  }
}
