package io.github.sparkasgd.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.exchange.compress.CompressionSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Synchronous rounds with and without backup workers, on the exchange server alone: frames in, replies out. */
class BackupRoundsTest {
  private static final long FIT = 12;
  private static final int SIZE = 4;
  private static final int STAGE = 3;
  private final FrameCodec codec = new FrameCodec(SIZE, ExchangePolicy.FINISH_VECTORS);

  private ExchangeServer server(int workers, int backups, boolean averaged) {
    return new ExchangeServer(FIT, workers, new DeltaPolicy(new double[SIZE], workers), codec,
        new BackupRounds(workers, backups, SIZE, averaged), averaged, 1_000_000, w -> 0.0, v -> false, 0,
        System.nanoTime());
  }

  private AtomicReference<Frame> send(ExchangeServer s, MessageType type, int worker, int taskAttempt,
      List<WeightVector> v) {
    AtomicReference<Frame> reply = new AtomicReference<>();
    s.handle(codec.encode(new Frame(type, FIT, STAGE, 0, worker, taskAttempt, 0, 0, 0, 1, 1, 1, v)),
        bytes -> reply.set(codec.decode(bytes)));
    return reply;
  }

  private AtomicReference<Frame> push(ExchangeServer s, int worker, double... delta) {
    return send(s, MessageType.PUSH, worker, 0, List.of(WeightVector.compact(delta)));
  }

  private void register(ExchangeServer s, int... workers) {
    for (int w : workers) {
      assertEquals(MessageType.MODEL, send(s, MessageType.REGISTER, w, 0, List.of()).get().type());
    }
  }

  private AtomicReference<Frame> finish(ExchangeServer s, int worker) {
    WeightVector zero = WeightVector.dense(new double[SIZE]);
    return send(s, MessageType.FINISH, worker, 0, List.of(zero, zero, zero));
  }

  @Test
  void aRoundIsAppliedOnceNWorkersPushedAndALatePushIsDropped() {
    ExchangeServer s = server(3, 1, true);
    register(s, 0, 1, 2);
    AtomicReference<Frame> first = push(s, 0, 1, 0, 0, 0);
    assertNull(first.get(), "one of N = 2 pushes: the round is open");
    assertArrayEquals(new double[SIZE], s.model(), "nothing is applied before the round closes");
    AtomicReference<Frame> second = push(s, 1, 0, 2, 0, 0);
    assertNotNull(first.get(), "N = 2 pushed: the round closed without worker 2");
    assertNotNull(second.get());
    assertArrayEquals(new double[] {0.5, 1, 0, 0}, s.model(), 0.0, "the round's two changes, averaged");
    assertArrayEquals(new double[] {0.5, 1}, first.get().vectors().get(0).values(), 0.0);

    Frame late = push(s, 2, 0, 0, 9, 0).get();
    assertNotNull(late, "a push for a closed round is answered at once");
    assertEquals(MessageType.MODEL, late.type());
    assertArrayEquals(new double[] {0.5, 1, 0, 0}, s.model(), 0.0, "and not applied");
    assertArrayEquals(new int[] {0, 1}, late.vectors().get(0).indices(), "it carries the current model");
    assertArrayEquals(new double[] {0.5, 1}, late.vectors().get(0).values(), 0.0);

    // The dropped worker continues from the current round: its next push counts.
    AtomicReference<Frame> third = push(s, 2, 0, 0, 1, 0);
    assertNull(third.get());
    push(s, 0, 0, 0, 0, 3);
    assertNotNull(third.get());
    assertArrayEquals(new double[] {0.5, 1, 0.5, 1.5}, s.model(), 1e-15);

    ExchangeStats stats = s.stats();
    assertEquals(1, stats.droppedPushes());
    assertArrayEquals(new long[] {0, 0, 2}, stats.roundSizes());
    assertEquals(2, stats.rounds());
    assertEquals(2, stats.roundsWithoutAll(), "both rounds closed while a running worker had not pushed");
    assertEquals(5, stats.pushes());
  }

  @Test
  void withoutBackupsARoundWaitsForEveryRunningWorker() {
    ExchangeServer s = server(3, 0, false);
    register(s, 0, 1, 2);
    AtomicReference<Frame> a = push(s, 0, 1, 0, 0, 0);
    AtomicReference<Frame> b = push(s, 1, 0, 1, 0, 0);
    assertNull(a.get(), "two of three pushed: held");
    assertNull(b.get());
    AtomicReference<Frame> c = push(s, 2, 0, 0, 1, 0);
    assertNotNull(a.get());
    assertNotNull(b.get());
    assertNotNull(c.get());
    assertArrayEquals(new double[] {1, 1, 1, 0}, s.model(), 0.0, "stalenessAwareStep off: changes summed whole");
    ExchangeStats stats = s.stats();
    assertEquals(0, stats.droppedPushes());
    assertEquals(0, stats.roundsWithoutAll());
    assertArrayEquals(new long[] {0, 0, 0, 1}, stats.roundSizes());
  }

  @Test
  void aWorkerWhoseTaskEndedDoesNotHoldTheRound() {
    ExchangeServer s = server(3, 0, true);
    register(s, 0, 1, 2);
    AtomicReference<Frame> a = push(s, 0, 2, 0, 0, 0);
    AtomicReference<Frame> b = push(s, 1, 0, 2, 0, 0);
    assertNull(a.get());
    s.taskEnded(STAGE, 2, 0, 0);
    assertNotNull(a.get(), "the round closed with the two running workers");
    assertNotNull(b.get());
    assertArrayEquals(new double[] {1, 1, 0, 0}, s.model(), 0.0, "averaged over the two who pushed");
    assertFalse(a.get().has(Frame.STOP), "a lost task is no finished worker: training goes on");
    // Its retried attempt joins the open round.
    assertEquals(MessageType.MODEL, send(s, MessageType.REGISTER, 2, 1, List.of()).get().type());
    AtomicReference<Frame> c = push(s, 0, 1, 0, 0, 0);
    push(s, 1, 0, 1, 0, 0);
    assertNull(c.get(), "the retried worker runs again: the round waits for it");
    send(s, MessageType.PUSH, 2, 1, List.of(WeightVector.compact(new double[] {0, 0, 3, 0})));
    assertNotNull(c.get());
    assertEquals(0, s.stats().droppedPushes());
  }

  @Test
  void aWorkerThatJoinsLateStartsAtTheOpenRound() {
    ExchangeServer s = server(2, 0, true);
    register(s, 0);
    assertNotNull(push(s, 0, 1, 0, 0, 0).get(), "alone, worker 0 closes its rounds");
    register(s, 1);
    AtomicReference<Frame> next = push(s, 0, 1, 0, 0, 0);
    assertNull(next.get(), "worker 1 runs now: the round waits for it");
    push(s, 1, 0, 1, 0, 0);
    assertNotNull(next.get());
    assertEquals(0, s.stats().droppedPushes(), "a worker registered in round 1 pushes for round 1");
    assertArrayEquals(new double[] {1.5, 0.5, 0, 0}, s.model(), 1e-15);
  }

  @Test
  void onceNWorkersFinishedTheBackupsAreStopped() {
    ExchangeServer s = server(3, 1, true);
    register(s, 0, 1, 2);
    assertFalse(finish(s, 0).get().has(Frame.STOP), "one of N = 2 finished");
    assertNotNull(push(s, 1, 1, 0, 0, 0).get(), "N shrinks with the finished worker: worker 1 closes rounds alone");
    assertTrue(finish(s, 1).get().has(Frame.STOP));
    assertTrue(s.stopping(), "the backup would otherwise train alone");
    assertTrue(push(s, 2, 0, 0, 1, 0).get().has(Frame.STOP));
  }

  @Test
  void paramsPickTheRuleAndBadCombinationsFailNamingTheSettings() {
    CompressionSpec off = CompressionSpec.OFF;
    assertInstanceOf(BackupRounds.class, ConsistencyRule.forParams(-1, 1, "delta", off, 3, SIZE, true));
    assertInstanceOf(BackupRounds.class, ConsistencyRule.forParams(0, 1, "delta", off, 3, SIZE, true));
    assertInstanceOf(BackupRounds.class, ConsistencyRule.forParams(0, 0, "delta", off, 3, SIZE, true),
        "bulk synchronous delta is rounds without backups");
    assertEquals(new StalenessBound(0), ConsistencyRule.forParams(0, 0, "asgd", off, 3, SIZE, true));
    assertEquals(new StalenessBound(-1), ConsistencyRule.forParams(-1, 0, "delta", off, 3, SIZE, true));
    assertEquals(new StalenessBound(2), ConsistencyRule.forParams(2, 0, "delta", off, 3, SIZE, true));
    String tooMany = assertThrows(IllegalArgumentException.class,
        () -> ConsistencyRule.forParams(-1, 3, "delta", off, 3, SIZE, true)).getMessage();
    assertTrue(tooMany.contains("backupWorkers=3") && tooMany.contains("3 workers"), tooMany);
    String asgd = assertThrows(IllegalArgumentException.class,
        () -> ConsistencyRule.forParams(-1, 1, "asgd", off, 3, SIZE, true)).getMessage();
    assertTrue(asgd.contains("exchange=asgd"), asgd);
    String bound = assertThrows(IllegalArgumentException.class,
        () -> ConsistencyRule.forParams(2, 1, "delta", off, 3, SIZE, true)).getMessage();
    assertTrue(bound.contains("staleness"), bound);
    CompressionSpec topk = new CompressionSpec("topk", 256, 0.1, 1e-3);
    String compressed = assertThrows(IllegalArgumentException.class,
        () -> ConsistencyRule.forParams(-1, 1, "delta", topk, 3, SIZE, true)).getMessage();
    assertTrue(compressed.contains("compression=topk"), compressed);
  }
}
