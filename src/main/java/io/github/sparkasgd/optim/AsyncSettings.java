package io.github.sparkasgd.optim;

import io.github.sparkasgd.exchange.ExchangeScheme;
import io.github.sparkasgd.exchange.compress.CompressionSpec;
import io.github.sparkasgd.exchange.gossip.GossipGraph;
import java.io.Serializable;

/**
 * Settings of the {@code async} solver.
 *
 * @param exchange {@code delta} (parameter server), {@code asgd} (Keuper and Pfreundt's state exchange),
 *     {@code gossip} (decentralized: neighbours average on {@code gossipGraph}) or {@code none} (workers
 *     train alone and are averaged at the end: the control that shows what an exchange does)
 * @param staleness -1 fully asynchronous, 0 bulk synchronous, s: at most s exchanges ahead of the slowest worker
 * @param stalenessAwareStep scale each pushed delta by {@code 1 / (1 + staleness)}: on by default, since
 *     without it the server adds up workers' whole runs towards the optimum from stale bases wherever
 *     steps between exchanges contract far, and its model jitters by several times SGD's own noise
 * @param syncInterval local steps (over all of a worker's threads) between exchanges; 0 picks it
 *     from the model size and the rows' density ({@link AsyncSolver#autoSyncInterval})
 * @param threadsPerWorker Hogwild! threads per worker task; 0 means {@code spark.task.cpus}
 * @param timeBudget stop after this many seconds; 0 means no budget
 * @param asgdBuffers asgd: external states a worker's mailbox keeps (newest win)
 * @param gossipGraph gossip: {@code ring}, {@code complete} or an edge list such as {@code "0-1,1-2"}
 * @param numWorkers the {@code numWorkers} param: workers asked for (0: as many as the input's
 *     partitions and the task slots allow); more than the slots fails the fit
 * @param compression how {@code delta} pushes and replies travel
 * @param backupWorkers {@code delta}: synchronous rounds that each apply the first
 *     {@code numWorkers - backupWorkers} pushes and drop late ones (0: no backups; rounds then run
 *     only where {@code staleness = 0})
 */
public record AsyncSettings(
    String exchange,
    int staleness,
    boolean stalenessAwareStep,
    int syncInterval,
    int threadsPerWorker,
    double timeBudget,
    int asgdBuffers,
    String gossipGraph,
    int numWorkers,
    CompressionSpec compression,
    int backupWorkers) implements Serializable {

  public static final String DELTA = ExchangeScheme.DELTA;
  public static final String ASGD = ExchangeScheme.ASGD;
  public static final String NONE = ExchangeScheme.NONE;
  public static final String GOSSIP = ExchangeScheme.GOSSIP;

  public static AsyncSettings defaults() {
    return new AsyncSettings(DELTA, -1, true, 0, 0, 0.0, 2, GossipGraph.RING, 0, CompressionSpec.OFF, 0);
  }
}
