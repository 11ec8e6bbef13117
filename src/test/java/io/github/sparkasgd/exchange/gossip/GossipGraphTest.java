package io.github.sparkasgd.exchange.gossip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GossipGraphTest {

  @Test
  void aRingGivesAThirdToEachNeighbourAndItself() {
    double[][] w = GossipGraph.parse("ring", 5).matrix();
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        int hops = Math.min(Math.abs(i - j), 5 - Math.abs(i - j));
        assertEquals(hops <= 1 ? 1.0 / 3 : 0.0, w[i][j], 1e-15, i + "," + j);
      }
    }
  }

  @Test
  void smallRingsAndTheCompleteGraph() {
    assertArrayEquals(new double[] {1.0}, GossipGraph.parse("ring", 1).matrix()[0]);
    assertArrayEquals(new double[] {0.5, 0.5}, GossipGraph.parse("ring", 2).matrix()[1], 1e-15);
    for (double[] row : GossipGraph.parse("complete", 4).matrix()) {
      assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, row, 1e-15);
    }
  }

  /** On graphs with uneven degrees, Metropolis-Hastings weights are still symmetric, nonnegative and doubly stochastic. */
  @Test
  void weightsAreSymmetricAndDoublyStochasticOnRandomGraphs() {
    Random r = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + r.nextInt(9);
      StringBuilder edges = new StringBuilder();
      for (int i = 1; i < n; i++) {
        edges.append(edges.length() == 0 ? "" : ",").append(r.nextInt(i)).append('-').append(i); // a spanning tree
      }
      for (int extra = r.nextInt(n); extra > 0; extra--) {
        int a = r.nextInt(n);
        int b = r.nextInt(n);
        if (a != b) {
          edges.append(',').append(a).append(" - ").append(b);
        }
      }
      double[][] w = GossipGraph.parse(edges.toString(), n).matrix();
      for (int i = 0; i < n; i++) {
        double row = 0;
        double column = 0;
        for (int j = 0; j < n; j++) {
          assertEquals(w[i][j], w[j][i], 0.0, "symmetric: " + edges);
          assertTrue(w[i][j] >= 0 && w[i][j] <= 1, "a weight in [0, 1]: " + edges);
          row += w[i][j];
          column += w[j][i];
        }
        assertEquals(1.0, row, 1e-12, "row " + i + " of " + edges);
        assertEquals(1.0, column, 1e-12, "column " + i + " of " + edges);
      }
    }
  }

  @Test
  void aDisconnectedGraphIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GossipGraph.parse("0-1,2-3", 4));
    assertTrue(e.getMessage().contains("not connected") && e.getMessage().contains("worker 2"), e.getMessage());
    // A worker the edges leave out cannot agree with the others either.
    e = assertThrows(IllegalArgumentException.class, () -> GossipGraph.parse("0-1,1-2", 4));
    assertTrue(e.getMessage().contains("worker 3 cannot reach worker 0"), e.getMessage());
  }

  @Test
  void selfLoopsAndUnknownWorkersAreRejected() {
    IllegalArgumentException loop = assertThrows(IllegalArgumentException.class,
        () -> GossipGraph.parse("0-1,1-1,1-2", 3));
    assertTrue(loop.getMessage().contains("1-1 is a self loop"), loop.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> GossipGraph.parse("0-1,1-2,2-3", 3));
    assertTrue(unknown.getMessage().contains("names worker 3") && unknown.getMessage().contains("3 workers"),
        unknown.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "star", "0-1;1-2", "0-1,", "0--1", "-1-0", "0-1-2"})
  void malformedSpecsAreRejected(String spec) {
    assertFalse(GossipGraph.isWellFormed(spec));
    assertThrows(IllegalArgumentException.class, () -> GossipGraph.parse(spec, 3));
  }
}
