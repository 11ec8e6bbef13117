package io.github.sparkasgd.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No ask is left unanswered: held, queued and later requests get REJECT + STOP when the loop goes down. */
class ExchangeLoopTest {
  private static final long FIT = 3;
  private final FrameCodec codec = new FrameCodec(2, 2);

  private ExchangeServer server(int staleness) {
    return new ExchangeServer(FIT, 2, new DeltaPolicy(new double[2], 2), codec, staleness, false, 1000,
        w -> 0.0, v -> false, 0, System.nanoTime());
  }

  private byte[] frame(MessageType type, int worker, List<WeightVector> v) {
    return codec.encode(new Frame(type, FIT, 1, 0, worker, 0, 0, 0, 0, 0, 1, 1, v));
  }

  private CompletableFuture<Frame> ask(ExchangeLoop loop, byte[] request) {
    CompletableFuture<Frame> f = new CompletableFuture<>();
    loop.submit(request, bytes -> f.complete(codec.decode(bytes)));
    return f;
  }

  private static void assertRejectStop(CompletableFuture<Frame> reply) throws Exception {
    Frame f = reply.get(5, TimeUnit.SECONDS);
    assertEquals(MessageType.REJECT, f.type());
    assertTrue(f.has(Frame.STOP));
  }

  @Test
  void closingAnswersHeldQueuedAndLaterRequests() throws Exception {
    ExchangeServer server = server(0);
    CountDownLatch block = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    ExchangeLoop loop = new ExchangeLoop("t1", server, (request, reply) -> {
      if (request.length == 0) {
        busy.countDown();
        try {
          block.await(); // keeps the loop busy so that the next request stays queued
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return; // and never answers it itself
      }
      server.handle(request, reply);
    });
    ask(loop, frame(MessageType.REGISTER, 0, List.of())).get(5, TimeUnit.SECONDS);
    ask(loop, frame(MessageType.REGISTER, 1, List.of())).get(5, TimeUnit.SECONDS);
    CompletableFuture<Frame> held = ask(loop, frame(MessageType.PUSH, 0, List.of(WeightVector.compact(new double[] {1, 0}))));
    CompletableFuture<Frame> stuck = ask(loop, new byte[0]);
    CompletableFuture<Frame> queued = ask(loop, frame(MessageType.PUSH, 1, List.of(WeightVector.compact(new double[] {0, 1}))));
    // Requests are handled in order: once the loop is stuck, the push before was handled (and held).
    assertTrue(busy.await(30, TimeUnit.SECONDS));
    assertNull(held.getNow(null), "worker 0 is one exchange ahead under staleness 0: held");
    assertNull(queued.getNow(null));
    loop.close();
    assertRejectStop(held);
    assertRejectStop(stuck);
    assertRejectStop(queued);
    assertRejectStop(ask(loop, frame(MessageType.PUSH, 1, List.of(WeightVector.compact(new double[] {0, 1})))));
    assertEquals(0, loop.outstanding());
    block.countDown();
  }

  @Test
  void anExceptionInTheHandlerFailsTheLoopAndAnswersEveryone() throws Exception {
    ExchangeServer server = server(0);
    ExchangeLoop loop = new ExchangeLoop("t2", server, (request, reply) -> {
      if (request.length == 0) {
        throw new IllegalStateException("frame too large to encode");
      }
      server.handle(request, reply);
    });
    try {
      ask(loop, frame(MessageType.REGISTER, 0, List.of())).get(5, TimeUnit.SECONDS);
      ask(loop, frame(MessageType.REGISTER, 1, List.of())).get(5, TimeUnit.SECONDS);
      CompletableFuture<Frame> held = ask(loop, frame(MessageType.PUSH, 0, List.of(WeightVector.compact(new double[] {1, 0}))));
      CompletableFuture<Frame> failing = ask(loop, new byte[0]);
      assertRejectStop(failing);
      assertRejectStop(held);
      assertNotNull(loop.failure());
      assertTrue(loop.failure().contains("too large"), loop.failure());
      assertRejectStop(ask(loop, frame(MessageType.REGISTER, 1, List.of())));
    } finally {
      loop.close();
    }
  }
}
