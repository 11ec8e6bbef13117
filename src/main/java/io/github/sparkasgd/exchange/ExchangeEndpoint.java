package io.github.sparkasgd.exchange;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Hosts an {@link ExchangeServer} for the duration of one fit: requests arrive on the RPC
 * dispatcher thread, which only enqueues; one thread of ours runs the server, so pushes never block
 * Spark's dispatcher. Task ends reported by Spark's listener bus reach the server through the same
 * queue. {@link #close()} releases the thread, the RPC endpoint and the listener.
 */
public final class ExchangeEndpoint implements AutoCloseable {
  private static final long TICK_MILLIS = 100;

  private final ExchangeServer server;
  private final ChunkAssembler assembler;
  private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final SparkContext sc;
  private final SparkListener listener;
  private final SparkRpc.Hosted hosted;
  private volatile boolean running = true;

  private ExchangeEndpoint(SparkContext sc, String name, ExchangeServer server, int chunkBytes) {
    this.server = server;
    this.assembler = new ChunkAssembler(server.fitId(), server.numWorkers(), chunkBytes,
        server.codec().maxFrameBytes(), server::handle);
    this.sc = sc;
    this.thread = new Thread(this::loop, "spark-asgd-exchange-" + name);
    thread.setDaemon(true);
    thread.start();
    this.listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        int stage = end.stageId();
        int attemptOfStage = end.stageAttemptId();
        int index = end.taskInfo().index();
        int attempt = end.taskInfo().attemptNumber();
        events.add(() -> server.taskEnded(stage, index, attemptOfStage, attempt));
      }
    };
    sc.addSparkListener(listener);
    SparkRpc.Hosted h;
    try {
      h = SparkRpc.host(name, (request, reply) -> events.add(() -> assembler.handle(request, reply)));
    } catch (RuntimeException e) {
      stopThread();
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

  private void loop() {
    while (running) {
      try {
        Runnable event = events.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
        if (event != null) {
          event.run();
        } else {
          server.tick();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A bug in one event must not kill the endpoint: the fit would hang on its workers instead.
        org.slf4j.LoggerFactory.getLogger(ExchangeEndpoint.class).error("exchange event failed", e);
      }
    }
  }

  private void stopThread() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server; read it only after {@link #close()}. */
  public ExchangeServer server() {
    return server;
  }

  @Override
  public void close() {
    try {
      hosted.close();
    } finally {
      sc.removeSparkListener(listener);
      stopThread();
    }
  }
}
