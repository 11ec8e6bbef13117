package io.github.sparkasgd.exchange.gossip;

import io.github.sparkasgd.exchange.ExchangePolicy;
import io.github.sparkasgd.exchange.ExchangeScheme;
import io.github.sparkasgd.exchange.WorkerHalf;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.TaskContext;

/**
 * Decentralized gossip ({@code exchange = "gossip"}): each worker keeps its own model and averages it
 * with its neighbours' on {@code graph} every exchange ({@link GossipMixer}), reading them as blocks
 * from their executors; the driver ({@link GossipPolicy}) holds no model, only coordinates and
 * collects the final states, whose average is the fit's model.
 *
 * @param namespace the fit's block namespace, at least 2^30
 * @param timeoutMillis how long a worker waits for a neighbour's round before the task fails
 */
public record GossipScheme(GossipGraph graph, int namespace, long timeoutMillis) implements ExchangeScheme {

  /** A scheme with a fresh namespace: two fits never share blocks. */
  public static GossipScheme create(GossipGraph graph, long timeoutMillis) {
    return new GossipScheme(graph, (1 << 30) + ThreadLocalRandom.current().nextInt(1 << 30), timeoutMillis);
  }

  @Override
  public ExchangePolicy server(double[] initialModel, int numWorkers) {
    return new GossipPolicy(initialModel, numWorkers);
  }

  @Override
  public WorkerHalf worker(double[] start, long seed) {
    TaskContext task = TaskContext.get();
    return new GossipMixer(start, SparkBlocks.current(namespace), graph, task.partitionId(),
        task.stageAttemptNumber(), timeoutMillis, task);
  }

  @Override
  public int maxVectors() {
    return ExchangePolicy.FINISH_VECTORS;
  }

  @Override
  public void releaseFit() {
    SparkBlocks.removeAll(namespace);
  }
}
