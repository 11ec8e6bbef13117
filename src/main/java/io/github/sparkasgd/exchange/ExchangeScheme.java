package io.github.sparkasgd.exchange;

import io.github.sparkasgd.exchange.compress.CompressionSpec;
import io.github.sparkasgd.exchange.gossip.GossipGraph;
import io.github.sparkasgd.exchange.gossip.GossipScheme;
import java.io.Serializable;

/**
 * One exchange scheme (the {@code exchange} param) in one place: its server half (an
 * {@link ExchangePolicy} in the driver), its worker half (what a worker pushes and how it adopts
 * the reply) and so its payload. Adding a scheme is one implementation and one name in
 * {@link #forName}. Shipped to the worker tasks in their closure, so it carries settings only.
 */
public interface ExchangeScheme extends Serializable {

  /** The driver's half, from the fit's initial model. */
  ExchangePolicy server(double[] initialModel, int numWorkers);

  /**
   * A worker's half, from the model it registered with.
   *
   * @param seed this task attempt's seed (QSGD's rounding)
   */
  WorkerHalf worker(double[] start, long seed);

  /** Most vectors one frame of this scheme carries. */
  int maxVectors();

  /** Frees what the fit's workers left outside the driver's endpoint; called on the driver once they ended. */
  default void releaseFit() {}

  String DELTA = "delta";
  String ASGD = "asgd";
  String NONE = "none";
  String GOSSIP = "gossip";

  /**
   * The scheme the {@code exchange} param names.
   *
   * @param asgdBuffers asgd: external states a worker's mailbox keeps
   * @param seed asgd: which worker receives a deposited state
   * @param gossipGraph gossip: the graph's spec, resolved over {@code numWorkers} (an invalid one fails here)
   * @param timeoutMillis gossip: how long a worker waits for a neighbour's parameters
   */
  static ExchangeScheme forName(String name, int asgdBuffers, long seed, CompressionSpec compression,
      String gossipGraph, int numWorkers, long timeoutMillis) {
    if (compression.enabled() && !DELTA.equals(name)) {
      throw new IllegalArgumentException("compression=" + compression.method() + " applies to exchange=delta "
          + "(asgd relays whole states, which a worker cannot take as changes); got exchange=" + name);
    }
    return switch (name) {
      case ASGD -> new AsgdScheme(asgdBuffers, seed);
      // No mailbox: workers push their states (for the objective, the clocks and the spread) and get nothing.
      case NONE -> new AsgdScheme(0, seed);
      case DELTA -> new DeltaScheme(compression);
      case GOSSIP -> GossipScheme.create(GossipGraph.parse(gossipGraph, numWorkers), timeoutMillis);
      default -> throw new IllegalArgumentException("unknown exchange " + name);
    };
  }
}
