package io.github.sparkasgd.exchange.gossip;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code gossipGraph} param resolved for a fit's workers: who averages with whom, and the
 * Metropolis-Hastings weights {@code W_ij = 1 / (1 + max(d_i, d_j))} on each edge, {@code W_ii = 1 -
 * sum_j W_ij}: symmetric and doubly stochastic on any graph (1/3 each on a ring, 1/n on the complete
 * graph), so repeated mixing converges to the plain mean on a connected graph. Immutable.
 */
public final class GossipGraph implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String RING = "ring";
  public static final String COMPLETE = "complete";
  private static final Pattern EDGES = Pattern.compile("\\s*\\d+\\s*-\\s*\\d+\\s*(,\\s*\\d+\\s*-\\s*\\d+\\s*)*");

  private final int[][] neighbours;
  private final double[][] weights;
  private final double[] selfWeights;

  private GossipGraph(List<TreeSet<Integer>> adjacency) {
    int n = adjacency.size();
    neighbours = new int[n][];
    for (int i = 0; i < n; i++) {
      neighbours[i] = adjacency.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    weights = new double[n][];
    selfWeights = new double[n];
    for (int i = 0; i < n; i++) {
      weights[i] = new double[neighbours[i].length];
      double sum = 0;
      for (int k = 0; k < neighbours[i].length; k++) {
        int j = neighbours[i][k];
        weights[i][k] = 1.0 / (1 + Math.max(neighbours[i].length, neighbours[j].length));
        sum += weights[i][k];
      }
      selfWeights[i] = 1.0 - sum;
    }
  }

  /** Whether {@code spec} is {@code ring}, {@code complete} or an edge list {@code "0-1,1-2"} (the param's check). */
  public static boolean isWellFormed(String spec) {
    return spec != null && (RING.equals(spec) || COMPLETE.equals(spec) || EDGES.matcher(spec).matches());
  }

  /**
   * The graph {@code spec} names over workers {@code 0 .. numWorkers - 1}.
   *
   * @throws IllegalArgumentException for a malformed spec, a self loop, a worker outside the fit or a
   *     graph that is not connected
   */
  public static GossipGraph parse(String spec, int numWorkers) {
    if (!isWellFormed(spec)) {
      throw new IllegalArgumentException("gossipGraph must be \"ring\", \"complete\" or edges such as \"0-1,1-2\", got \""
          + spec + "\"");
    }
    List<TreeSet<Integer>> adjacency = new ArrayList<>();
    for (int i = 0; i < numWorkers; i++) {
      adjacency.add(new TreeSet<>());
    }
    if (RING.equals(spec)) {
      for (int i = 0; numWorkers > 1 && i < numWorkers; i++) {
        link(adjacency, i, (i + 1) % numWorkers);
      }
    } else if (COMPLETE.equals(spec)) {
      for (int i = 0; i < numWorkers; i++) {
        for (int j = i + 1; j < numWorkers; j++) {
          link(adjacency, i, j);
        }
      }
    } else {
      for (String edge : spec.split(",")) {
        String[] ends = edge.split("-");
        int a = Integer.parseInt(ends[0].trim());
        int b = Integer.parseInt(ends[1].trim());
        if (a == b) {
          throw new IllegalArgumentException("gossipGraph edge " + edge.trim() + " is a self loop");
        }
        if (Math.max(a, b) >= numWorkers) {
          throw new IllegalArgumentException("gossipGraph edge " + edge.trim() + " names worker " + Math.max(a, b)
              + ", but the fit has " + numWorkers + " workers (0.." + (numWorkers - 1) + ")");
        }
        link(adjacency, a, b);
      }
    }
    requireConnected(spec, adjacency);
    return new GossipGraph(adjacency);
  }

  private static void link(List<TreeSet<Integer>> adjacency, int a, int b) {
    adjacency.get(a).add(b);
    adjacency.get(b).add(a);
  }

  private static void requireConnected(String spec, List<TreeSet<Integer>> adjacency) {
    boolean[] reached = new boolean[adjacency.size()];
    java.util.ArrayDeque<Integer> toVisit = new java.util.ArrayDeque<>(List.of(0));
    reached[0] = true;
    while (!toVisit.isEmpty()) {
      for (int j : adjacency.get(toVisit.pop())) {
        if (!reached[j]) {
          reached[j] = true;
          toVisit.push(j);
        }
      }
    }
    for (int i = 0; i < reached.length; i++) {
      if (!reached[i]) {
        throw new IllegalArgumentException("gossipGraph \"" + spec + "\" is not connected over the fit's "
            + adjacency.size() + " workers: worker " + i + " cannot reach worker 0, so the workers could never "
            + "agree on one model");
      }
    }
  }

  public int numWorkers() {
    return neighbours.length;
  }

  /** The workers {@code worker} averages with, increasing. */
  public int[] neighbours(int worker) {
    return neighbours[worker].clone();
  }

  /** {@code W_ij} for each of {@link #neighbours}, in their order. */
  public double[] weights(int worker) {
    return weights[worker].clone();
  }

  /** {@code W_ii}: what a worker keeps of its own parameters. */
  public double selfWeight(int worker) {
    return selfWeights[worker];
  }

  /** The mixing matrix W, dense. */
  public double[][] matrix() {
    int n = neighbours.length;
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      w[i][i] = selfWeights[i];
      for (int k = 0; k < neighbours[i].length; k++) {
        w[i][neighbours[i][k]] = weights[i][k];
      }
    }
    return w;
  }
}
