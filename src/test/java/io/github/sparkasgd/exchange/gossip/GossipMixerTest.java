package io.github.sparkasgd.exchange.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workers' mixing through Spark's real block manager (local mode: every block in the driver's),
 * with no SGD steps: each round every worker publishes, then mixes its neighbours' round.
 */
class GossipMixerTest {
  private static final int DIM = 5;
  private static int nextNamespace = (1 << 30) + 12_345;
  private int namespace;

  @BeforeAll
  static void startSpark() {
    SparkTestSession.get();
  }

  @AfterEach
  void dropBlocks() {
    SparkBlocks.removeAll(namespace);
  }

  private GossipMixer[] mixers(GossipGraph graph, double[][] start, long timeoutMillis) {
    namespace = nextNamespace++;
    GossipMixer[] m = new GossipMixer[start.length];
    for (int w = 0; w < m.length; w++) {
      m[w] = new GossipMixer(start[w], SparkBlocks.current(namespace), graph, w, 0, timeoutMillis, null);
    }
    return m;
  }

  private static double[][] randomStates(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][DIM];
    for (double[] row : x) {
      for (int c = 0; c < DIM; c++) {
        row[c] = r.nextGaussian() * 3;
      }
    }
    return x;
  }

  /** One round of pure mixing: all publish their state, then all adopt; returns the new states. */
  private static double[][] round(GossipMixer[] m, double[][] x) {
    for (int w = 0; w < m.length; w++) {
      m[w].push(x[w]);
    }
    double[][] next = new double[m.length][];
    for (int w = 0; w < m.length; w++) {
      m[w].adopt(List.of(), x[w], 0.1, 0);
      next[w] = m[w].base().clone();
    }
    return next;
  }

  /**
   * On a ring the mixing matrix is circulant, W = circ(1/3, 1/3, 0, ..., 0, 1/3), with eigenvalues
   * {@code (1 + 2 cos(2 pi k / n)) / 3} on the Fourier modes, so {@code (W^t x)_i = 1/n sum_k lambda_k^t
   * sum_m x_m cos(2 pi k (i - m) / n)} per coordinate: the closed form the mixers must follow.
   */
  private static double[][] ringClosedForm(double[][] x, int t) {
    int n = x.length;
    double[][] out = new double[n][DIM];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double lambda = Math.pow((1 + 2 * Math.cos(2 * Math.PI * k / n)) / 3, t);
        for (int m = 0; m < n; m++) {
          double c = lambda * Math.cos(2 * Math.PI * k * (i - m) / n) / n;
          for (int d = 0; d < DIM; d++) {
            out[i][d] += c * x[m][d];
          }
        }
      }
    }
    return out;
  }

  static double consensusDistance(double[][] x) {
    double sum = 0;
    for (int d = 0; d < DIM; d++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[d] / x.length;
      }
      for (double[] row : x) {
        sum += (row[d] - mean) * (row[d] - mean);
      }
    }
    return Math.sqrt(sum / x.length);
  }

  @Test
  void ringMixingFollowsTheClosedFormAndReachesTheMean() {
    int n = 7;
    double[][] start = randomStates(n, 3);
    GossipMixer[] m = mixers(GossipGraph.parse("ring", n), start, 10_000);
    double[][] x = start;
    double before = consensusDistance(start);
    for (int t = 1; t <= 120; t++) {
      x = round(m, x);
      if (t == 1 || t == 5 || t == 30 || t == 120) {
        double[][] expected = ringClosedForm(start, t);
        for (int w = 0; w < n; w++) {
          for (int d = 0; d < DIM; d++) {
            assertEquals(expected[w][d], x[w][d], 1e-12, "round " + t + ", worker " + w + ", coordinate " + d);
          }
        }
      }
    }
    // The slowest mode decays as lambda_1 = (1 + 2 cos(2 pi / 7)) / 3 = 0.749 per round.
    assertTrue(consensusDistance(x) < 1e-9 * before, "distance " + consensusDistance(x) + " from " + before);
    double[][] mean = ringClosedForm(start, 100_000);
    for (int w = 0; w < n; w++) {
      for (int d = 0; d < DIM; d++) {
        assertEquals(mean[w][d], x[w][d], 1e-10, "every worker holds the initial mean");
      }
    }
  }

  @Test
  void aRoundsBlockIsDroppedOnceTheNeighboursPublishedTheNext() {
    double[][] x = randomStates(3, 4);
    GossipMixer[] m = mixers(GossipGraph.parse("ring", 3), x, 10_000);
    x = round(m, x);
    x = round(m, x);
    SparkBlocks probe = SparkBlocks.current(namespace);
    for (int w = 0; w < 3; w++) {
      assertFalse(probe.read(GossipMixer.key(0, w, 0), b -> { }), "round 0 of worker " + w + " dropped");
      assertTrue(probe.read(GossipMixer.key(0, w, 1), b -> { }), "round 1 of worker " + w + " kept");
    }
    SparkBlocks.removeAll(namespace);
    // The master tells the block managers to drop them without waiting for their answer.
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (probe.read(GossipMixer.key(0, 0, 1), b -> { }) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertFalse(probe.read(GossipMixer.key(0, 0, 1), b -> { }), "the fit's blocks are gone at its end");
  }

  @Test
  void aFinishedNeighbourIsMixedAtItsFinalState() {
    double[][] x = randomStates(3, 5);
    GossipMixer[] m = mixers(GossipGraph.parse("complete", 3), x, 10_000);
    m[2].finished(x[2]);
    for (int t = 0; t < 3; t++) {
      m[0].push(x[0]);
      m[1].push(x[1]);
      m[0].adopt(List.of(), x[0], 0.1, 0);
      m[1].adopt(List.of(), x[1], 0.1, 0);
      double[] x0 = m[0].base().clone();
      double[] x1 = m[1].base().clone();
      for (int d = 0; d < DIM; d++) {
        assertEquals((x[0][d] + x[1][d] + x[2][d]) / 3, x0[d], 1e-12);
        assertEquals(x0[d], x1[d], 1e-12);
      }
      x[0] = x0;
      x[1] = x1;
    }
  }

  @Test
  void aNeighbourThatNeverPublishesFailsTheWaitWithinTheTimeout() {
    double[][] x = randomStates(3, 6);
    GossipMixer[] m = mixers(GossipGraph.parse("ring", 3), x, 300);
    m[0].push(x[0]);
    m[1].push(x[1]);
    long start = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m[0].adopt(List.of(), x[0], 0.1, 0));
    assertTrue(e.getMessage().contains("worker 2, round 0") && e.getMessage().contains("300 ms"), e.getMessage());
    assertTrue(System.nanoTime() - start < 30_000_000_000L, "it does not hang");
  }

  @Test
  void theDriversAskIsAnsweredWithTheStateAtTheNextPush() {
    double[][] x = randomStates(2, 8);
    GossipMixer[] m = mixers(GossipGraph.parse("ring", 2), x, 10_000);
    assertEquals(0, m[0].push(x[0]).storedEntries(), "no parameters to the driver");
    m[1].push(x[1]);
    m[0].adopt(List.of(new io.github.sparkasgd.exchange.WeightVector(DIM, new int[0], new double[0])), x[0], 0.1, 0);
    double[] state = m[0].base().clone();
    assertEquals(DIM, m[0].push(state).storedEntries(), "the asked state");
    assertEquals(0, m[0].push(state).storedEntries(), "once");
  }
}
