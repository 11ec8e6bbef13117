package io.github.sparkasgd.exchange;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The endpoint's own thread and queue, free of Spark: requests are enqueued by the transport and
 * handled one at a time by {@code handler}. Every request is answered exactly once: by the handler
 * (now or, for a held push, later) or, when the loop closes, fails, or an exception escapes the
 * handler, by a REJECT with STOP at once, so that no worker waits out its ask timeout holding its
 * executor slot.
 */
final class ExchangeLoop {
  private static final long TICK_MILLIS = 100;

  private final BiConsumer<byte[], Consumer<byte[]>> handler;
  private final Runnable tick;
  private final ExchangeServer server;
  private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
  private final Set<Reply> outstanding = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String failure;

  /**
   * @param handler handles one request (the chunk assembler in front of the server)
   * @param server encodes the rejections and is ticked when no event arrives
   */
  ExchangeLoop(String name, ExchangeServer server, BiConsumer<byte[], Consumer<byte[]>> handler) {
    this.server = server;
    this.handler = handler;
    this.tick = server::tick;
    this.thread = new Thread(this::loop, "spark-asgd-exchange-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Called by the transport, on any thread: queues the request, or rejects it once the loop is down. */
  void submit(byte[] request, Consumer<byte[]> transportReply) {
    Reply reply = new Reply(transportReply);
    outstanding.add(reply);
    if (!running || failure != null) {
      reply.reject();
      return;
    }
    events.add(() -> handler.accept(request, reply));
    if (!running) {
      rejectAll(); // closed while this request was being queued
    }
  }

  /** Runs {@code event} on the loop's thread (task ends from Spark's listener bus). */
  void post(Runnable event) {
    events.add(event);
  }

  private void loop() {
    while (running) {
      try {
        Runnable event = events.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
        if (event != null) {
          event.run();
        } else {
          tick.run();
        }
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        // The server's state can no longer be trusted: fail the fit and answer everyone now.
        org.slf4j.LoggerFactory.getLogger(ExchangeLoop.class).error("exchange event failed", e);
        failure = "the exchange endpoint failed: " + e;
        rejectAll();
        break;
      }
    }
    rejectAll();
  }

  private void rejectAll() {
    for (Reply r : outstanding) {
      r.reject();
    }
  }

  /** Why the loop failed, or null. */
  String failure() {
    return failure;
  }

  /** Stops the thread and answers every queued and held request with REJECT + STOP. */
  void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rejectAll();
  }

  /** Requests not answered yet (for tests). */
  int outstanding() {
    return outstanding.size();
  }

  /** A transport reply callback that answers once and leaves the outstanding set when it does. */
  private final class Reply implements Consumer<byte[]> {
    private final Consumer<byte[]> transport;
    private final AtomicBoolean done = new AtomicBoolean();

    Reply(Consumer<byte[]> transport) {
      this.transport = transport;
    }

    @Override
    public void accept(byte[] bytes) {
      if (done.compareAndSet(false, true)) {
        outstanding.remove(this);
        transport.accept(bytes);
      }
    }

    void reject() {
      accept(server.stopReject());
    }
  }
}
