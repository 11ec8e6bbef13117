package io.github.sparkasgd.exchange;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Hosts an {@link ExchangeServer} for the duration of one fit: requests arrive on the RPC
 * dispatcher thread, which only enqueues; one thread of ours ({@link ExchangeLoop}) runs the server,
 * so pushes never block Spark's dispatcher. Task ends reported by Spark's listener bus reach the
 * server through the same queue. {@link #close()} releases the thread, the RPC endpoint and the
 * listener, and answers every request still queued or held.
 */
public final class ExchangeEndpoint implements AutoCloseable {
  private final ExchangeServer server;
  private final ExchangeLoop loop;
  private final SparkContext sc;
  private final SparkListener listener;
  private final SparkRpc.Hosted hosted;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private ExchangeEndpoint(SparkContext sc, String name, ExchangeServer server, int chunkBytes) {
    this.server = server;
    ChunkAssembler assembler = new ChunkAssembler(server.fitId(), server.numWorkers(), chunkBytes,
        server.codec().maxFrameBytes(), server::handle);
    this.sc = sc;
    // Every message both ways is measured on the loop's thread (the only one that touches the stats).
    ExchangeStats stats = server.stats();
    this.loop = new ExchangeLoop(name, server, (request, reply) -> {
      stats.recordMessage(request.length);
      assembler.handle(request, bytes -> {
        stats.recordMessage(bytes.length);
        reply.accept(bytes);
      });
    });
    this.listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        int stage = end.stageId();
        int attemptOfStage = end.stageAttemptId();
        int index = end.taskInfo().index();
        int attempt = end.taskInfo().attemptNumber();
        loop.post(() -> server.taskEnded(stage, index, attemptOfStage, attempt));
      }
    };
    sc.addSparkListener(listener);
    SparkRpc.Hosted h;
    try {
      h = SparkRpc.host(name, loop::submit);
    } catch (RuntimeException e) {
      loop.close();
      sc.removeSparkListener(listener);
      throw e;
    }
    this.hosted = h;
  }

  /**
   * Registers the endpoint under {@code name} (unique per fit) and starts serving.
   *
   * @param chunkBytes frames larger than this travel in chunks of this size
   */
  public static ExchangeEndpoint start(SparkContext sc, String name, ExchangeServer server, int chunkBytes) {
    return new ExchangeEndpoint(sc, name, server, chunkBytes);
  }

  /** The server; read it only after {@link #close()}. */
  public ExchangeServer server() {
    return server;
  }

  /** Why the endpoint failed (an exception escaped its handler), or null. */
  public String failure() {
    return loop.failure();
  }

  /** Idempotent: a failing fit closes it before composing its error, and again on the way out. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      loop.close(); // answers queued and held requests before the endpoint disappears
    } finally {
      try {
        hosted.close();
      } finally {
        sc.removeSparkListener(listener);
      }
    }
  }
}
