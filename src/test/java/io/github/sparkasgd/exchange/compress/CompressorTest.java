package io.github.sparkasgd.exchange.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.exchange.Frame;
import io.github.sparkasgd.exchange.FrameCodec;
import io.github.sparkasgd.exchange.MessageType;
import io.github.sparkasgd.exchange.WeightVector;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compressors against their definitions, always through the wire format (what the receiver decodes). */
class CompressorTest {

  private static double[] randomVector(Random r, int n, double zeroFraction) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() < zeroFraction ? 0.0 : r.nextGaussian() * (1 + 10 * r.nextDouble());
    }
    return v;
  }

  /** Encodes {@code v} into a frame and decodes it: what the other side gets. */
  private static WeightVector overTheWire(WeightVector v) {
    FrameCodec codec = new FrameCodec(v.length(), 1);
    Frame f = codec.decode(codec.encode(new Frame(MessageType.PUSH, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(v))));
    return f.vectors().get(0);
  }

  private static double norm2(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return s;
  }

  @Test
  void qsgdIsUnbiased() {
    Random r = new Random(7);
    int n = 40;
    int s = 4;
    double[] v = randomVector(r, n, 0.2);
    double norm = Math.sqrt(norm2(v));
    Compressor q = new CompressionSpec(CompressionSpec.QSGD, s, 0.01, 1e-3).newCompressor(n, 11);
    int draws = 20_000;
    double[] mean = new double[n];
    for (int d = 0; d < draws; d++) {
      overTheWire(q.compress(v.clone())).addTo(mean, 1.0 / draws);
    }
    for (int i = 0; i < n; i++) {
      // Each coordinate is one of two levels norm/s apart, so its standard deviation is at most norm/(2s).
      double sigma = norm / (2.0 * s) / Math.sqrt(draws);
      assertEquals(v[i], mean[i], 5 * sigma, "coordinate " + i + " of " + Arrays.toString(v));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 64})
  void qsgdVarianceIsWithinThePapersBound(int s) {
    Random r = new Random(s);
    int n = 2_500;
    double[] v = randomVector(r, n, 0.0);
    double sq = norm2(v);
    double norm = Math.sqrt(sq);
    double exact = 0;
    for (double x : v) {
      double scaled = Math.abs(x) / norm * s;
      double f = scaled - Math.floor(scaled);
      exact += (norm / s) * (norm / s) * f * (1 - f);
    }
    double bound = Math.min((double) n / (s * s), Math.sqrt(n) / s) * sq;
    Compressor q = new CompressionSpec(CompressionSpec.QSGD, s, 0.01, 1e-3).newCompressor(n, 3);
    int draws = 400;
    double sum = 0;
    double sumSq = 0;
    for (int d = 0; d < draws; d++) {
      double[] got = overTheWire(q.compress(v.clone())).toDense();
      double e = 0;
      for (int i = 0; i < n; i++) {
        e += (got[i] - v[i]) * (got[i] - v[i]);
      }
      sum += e;
      sumSq += e * e;
    }
    double mean = sum / draws;
    double se = Math.sqrt(Math.max(0, sumSq / draws - mean * mean) / draws);
    assertTrue(mean <= bound, "E||Q(v)-v||^2 = " + mean + " above the bound " + bound);
    assertEquals(exact, mean, 5 * se + 1e-12 * sq, "the quantizer's variance is the one its rounding defines");
  }

  @Test
  void qsgdSendsFewBitsPerCoordinate() {
    double[] v = randomVector(new Random(5), 10_000, 0.0);
    WeightVector sent = new CompressionSpec(CompressionSpec.QSGD, 16, 0.01, 1e-3).newCompressor(v.length, 1)
        .compress(v.clone());
    // 16 levels: 5 bits of sign and level, and at most a byte of index gap, per coordinate sent.
    assertTrue(FrameCodec.encodedBytes(sent) < 2L * v.length, FrameCodec.encodedBytes(sent) + " bytes");
    assertTrue(FrameCodec.encodedBytes(sent) < FrameCodec.plainBytes(v.length, v.length) / 4);
  }

  @ParameterizedTest
  @ValueSource(strings = {CompressionSpec.TOPK, CompressionSpec.THRESHOLD})
  void errorFeedbackIsExact(String method) {
    Random r = new Random(method.hashCode());
    int n = 300;
    Compressor c = new CompressionSpec(method, 16, 0.05, 0.8).newCompressor(n, 1);
    double[] carried = new double[n];
    double[] changes = new double[n];
    double[] sent = new double[n];
    long sentEntries = 0;
    for (int round = 0; round < 50; round++) {
      double[] change = randomVector(r, n, 0.5);
      for (int i = 0; i < n; i++) {
        changes[i] += change[i];
        carried[i] += change[i];
      }
      WeightVector out = overTheWire(c.compress(carried));
      out.addTo(sent, 1.0);
      sentEntries += out.storedEntries();
    }
    for (int i = 0; i < n; i++) {
      assertEquals(changes[i], sent[i] + carried[i], 1e-12 * (1 + Math.abs(changes[i])),
          "coordinate " + i + ": sent plus kept must be every change");
    }
    assertTrue(sentEntries < 50L * n / 2, "it compressed: " + sentEntries + " entries sent");
    assertTrue(norm2(carried) > 0, "something is kept back");
  }

  @Test
  void topkSendsTheLargestFraction() {
    double[] v = randomVector(new Random(9), 1_000, 0.3);
    double[] change = v.clone();
    WeightVector sent = new CompressionSpec(CompressionSpec.TOPK, 16, 0.02, 1e-3).newCompressor(v.length, 1)
        .compress(change);
    assertEquals(20, sent.storedEntries());
    double[] magnitudes = Arrays.stream(v).map(Math::abs).sorted().toArray();
    double twentieth = magnitudes[magnitudes.length - 20];
    for (int k = 0; k < sent.storedEntries(); k++) {
      assertTrue(Math.abs(v[sent.indices()[k]]) >= twentieth);
      assertEquals((float) v[sent.indices()[k]], sent.values()[k], 0.0);
    }
  }

  @Test
  void thresholdSendsOnlyWhatExceedsTau() {
    double[] change = {0.5, -0.05, 0.2, -0.3, 0.0};
    WeightVector sent = new CompressionSpec(CompressionSpec.THRESHOLD, 16, 0.01, 0.25).newCompressor(5, 1)
        .compress(change);
    assertArrayEquals(new int[] {0, 3}, sent.indices());
    assertArrayEquals(new double[] {0, -0.05, 0.2, 0, 0}, change, 1e-6);
  }

  @Test
  void selectFindsTheRank() {
    Random r = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(50);
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = r.nextInt(10);
      }
      double[] sorted = a.clone();
      Arrays.sort(sorted);
      int rank = r.nextInt(n);
      assertEquals(sorted[rank], TopKCompressor.select(a, n, rank));
    }
  }
}
