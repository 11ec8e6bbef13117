package io.github.sparkasgd.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExchangeServerTest {
  private static final long FIT = 77;
  private static final int SIZE = 4;
  private FrameCodec codec = new FrameCodec(SIZE, ExchangePolicy.FINISH_VECTORS);
  private final List<Double> objectives = new ArrayList<>();

  private ExchangeServer server(ExchangePolicy policy, int workers, int staleness, double budget) {
    return new ExchangeServer(FIT, workers, policy, codec, staleness, false, 100, w -> 0.0,
        v -> {
          objectives.add(v);
          return false;
        }, budget, System.nanoTime());
  }

  private Frame frame(MessageType type, int worker, int stageAttempt, int taskAttempt, List<WeightVector> v,
      long examples) {
    return new Frame(type, FIT, 3, stageAttempt, worker, taskAttempt, 0, 0, 0, examples * 0.5, examples,
        examples, v);
  }

  /** Sends a frame; returns the reply, or null while the server holds it. */
  private AtomicReference<Frame> send(ExchangeServer s, Frame f) {
    AtomicReference<Frame> reply = new AtomicReference<>();
    s.handle(codec.encode(f), bytes -> reply.set(codec.decode(bytes)));
    return reply;
  }

  private static WeightVector delta(double... v) {
    return WeightVector.compact(v);
  }

  @Test
  void deltaPushesAddUpAndRepliesCarryOnlyChangedCoordinates() {
    ExchangeServer s = server(new DeltaPolicy(new double[] {1, 1, 1, 1}, 2), 2, -1, 0);
    Frame r0 = send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0)).get();
    assertArrayEquals(new double[] {1, 1, 1, 1}, r0.vectors().get(0).toDense());
    send(s, frame(MessageType.REGISTER, 1, 0, 0, List.of(), 0));
    Frame r1 = send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(0.5, 0, 0, 0)), 10)).get();
    assertArrayEquals(new int[] {0}, r1.vectors().get(0).indices(), "only coordinate 0 changed");
    assertArrayEquals(new double[] {1.5}, r1.vectors().get(0).values());
    Frame r2 = send(s, frame(MessageType.PUSH, 1, 0, 0, List.of(delta(0, 0, -2, 0)), 10)).get();
    // worker 1 has seen neither change yet
    assertArrayEquals(new int[] {0, 2}, r2.vectors().get(0).indices());
    assertArrayEquals(new double[] {1.5, 1, -1, 1}, s.model());
    assertEquals(2, s.stats().pushes());
    assertEquals(1, s.clock(0));
  }

  @Test
  void oldAttemptsAreRejectedAndANewAttemptStartsFromTheCurrentModel() {
    ExchangeServer s = server(new DeltaPolicy(new double[SIZE], 1), 1, -1, 0);
    send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5));
    Frame retry = send(s, frame(MessageType.REGISTER, 0, 0, 1, List.of(), 0)).get();
    assertArrayEquals(new double[] {1, 0, 0, 0}, retry.vectors().get(0).toDense());
    Frame zombie = send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(100, 0, 0, 0)), 5)).get();
    assertEquals(MessageType.REJECT, zombie.type());
    assertEquals(MessageType.REJECT, send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0)).get().type());
    assertArrayEquals(new double[] {1, 0, 0, 0}, s.model(), "the dead attempt's push was not applied");
    Frame otherFit = new Frame(MessageType.PUSH, FIT + 1, 3, 0, 0, 1, 0, 0, 0, 0, 0, 0, List.of(delta(5, 0, 0, 0)));
    assertEquals(MessageType.REJECT, send(s, otherFit).get().type());
    assertEquals(3, s.stats().rejectedMessages());
  }

  @Test
  void garbageIsRejectedWithoutHarmingTheServer() {
    ExchangeServer s = server(new DeltaPolicy(new double[SIZE], 1), 1, -1, 0);
    AtomicReference<Frame> reply = new AtomicReference<>();
    s.handle(new byte[] {1, 2, 3}, bytes -> reply.set(codec.decode(bytes)));
    assertEquals(MessageType.REJECT, reply.get().type());
    send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    assertEquals(MessageType.MODEL, send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5)).get().type());
  }

  @Test
  void stalenessZeroIsABarrier() {
    ExchangeServer s = server(new DeltaPolicy(new double[SIZE], 2), 2, 0, 0);
    send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    send(s, frame(MessageType.REGISTER, 1, 0, 0, List.of(), 0));
    AtomicReference<Frame> first = send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5));
    assertNull(first.get(), "worker 0 is one exchange ahead: held");
    AtomicReference<Frame> second = send(s, frame(MessageType.PUSH, 1, 0, 0, List.of(delta(0, 1, 0, 0)), 5));
    assertNotNull(first.get(), "released when worker 1 caught up");
    assertNotNull(second.get());
    // both replies reflect both pushes: the barrier's point
    assertArrayEquals(new double[] {1, 1, 0, 0}, first.get().vectors().get(0).toDense());
    AtomicReference<Frame> ahead = send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5));
    assertNull(ahead.get());
    send(s, frame(MessageType.FINISH, 1, 0, 0, List.of(delta(0, 0, 0, 0), delta(1, 1, 0, 0), delta(1, 1, 0, 0)), 0));
    assertNotNull(ahead.get(), "a finished worker no longer holds others back");
  }

  @Test
  void aLateWorkerJoinsAtTheRunningWorkersRound() {
    ExchangeServer s = server(new DeltaPolicy(new double[SIZE], 2), 2, 0, 0);
    send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    for (int i = 0; i < 3; i++) {
      assertNotNull(send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5)).get(),
          "alone, worker 0 is held by no one");
    }
    Frame joined = send(s, frame(MessageType.REGISTER, 1, 0, 0, List.of(), 0)).get();
    assertEquals(3, joined.clock(), "worker 1 starts at worker 0's round, not 3 rounds behind");
    AtomicReference<Frame> next = send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5));
    assertNull(next.get(), "one round ahead of worker 1 under staleness 0: held");
    send(s, frame(MessageType.PUSH, 1, 0, 0, List.of(delta(0, 1, 0, 0)), 5));
    assertNotNull(next.get(), "released by worker 1's first push");
    assertEquals(1, s.stats().maxClockLead());
  }

  @Test
  void boundedStalenessLetsAWorkerRunAhead() {
    ExchangeServer s = server(new DeltaPolicy(new double[SIZE], 2), 2, 2, 0);
    send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    send(s, frame(MessageType.REGISTER, 1, 0, 0, List.of(), 0));
    assertNotNull(send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5)).get());
    assertNotNull(send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5)).get());
    AtomicReference<Frame> third = send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5));
    assertNull(third.get(), "three ahead of the slowest with s = 2");
    s.taskEnded(3, 1, 0, 0);
    assertNotNull(third.get(), "a lost worker leaves the clock set");
  }

  @Test
  void nonFinitePushesFailTheFit() {
    ExchangeServer s = server(new DeltaPolicy(new double[SIZE], 1), 1, -1, 0);
    send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    Frame r = send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(Double.NaN, 0, 0, 0)), 5)).get();
    assertEquals(MessageType.REJECT, r.type());
    assertTrue(s.failure().contains("non-finite"));
    assertTrue(s.stopping());
  }

  @Test
  void nonFiniteFinalStatesFailTheFitInsteadOfBeingLeftOut() {
    // A worker that never pushed (its steps fewer than syncInterval) and diverged: only its finish shows it.
    for (ExchangePolicy policy : List.of(new DeltaPolicy(new double[SIZE], 2),
        new AsgdPolicy(new double[SIZE], 2, 1, 3))) {
      ExchangeServer s = server(policy, 2, -1, 0);
      send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
      send(s, frame(MessageType.REGISTER, 1, 0, 0, List.of(), 0));
      List<WeightVector> bad = policy instanceof DeltaPolicy
          ? List.of(delta(1, 0, 0, 0), delta(1, Double.POSITIVE_INFINITY, 0, 0), delta(1, Double.POSITIVE_INFINITY, 0, 0))
          : List.of(delta(1, Double.NaN, 0, 0), delta(1, Double.NaN, 0, 0), delta(1, Double.NaN, 0, 0));
      assertEquals(MessageType.REJECT, send(s, frame(MessageType.FINISH, 0, 0, 0, bad, 10)).get().type());
      assertTrue(s.diverged());
      assertTrue(s.failure().contains("non-finite"), s.failure());
      assertTrue(send(s, frame(MessageType.PUSH, 1, 0, 0, List.of(delta(0, 0, 0, 0)), 10)).get().has(Frame.STOP),
          "the other worker is told to stop");
    }
  }

  @Test
  void objectiveIsRecordedPerEpochOfExamples() {
    ExchangeServer s = server(new DeltaPolicy(new double[SIZE], 1), 1, -1, 0);
    send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    assertFalse(send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 60)).get().has(Frame.STOP));
    assertTrue(objectives.isEmpty(), "60 of 100 rows: no epoch yet");
    send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 60));
    assertEquals(List.of(0.5), objectives, "loss 0.5 per unit weight");
  }

  /** Budgets against a start set in the past or far ahead of now: no sleeping, no race with the clock. */
  @Test
  void theTimeBudgetStopsWorkersOnceSpent() {
    long hourAgo = System.nanoTime() - 3_600_000_000_000L;
    ExchangeServer unspent = new ExchangeServer(FIT, 1, new DeltaPolicy(new double[SIZE], 1), codec, -1, false,
        100, w -> 0.0, v -> false, 7200, hourAgo);
    assertFalse(send(unspent, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0)).get().has(Frame.STOP));
    assertFalse(send(unspent, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 5)).get().has(Frame.STOP));
    ExchangeServer spent = new ExchangeServer(FIT, 1, new DeltaPolicy(new double[SIZE], 1), codec, -1, false,
        100, w -> 0.0, v -> false, 1800, hourAgo);
    assertTrue(send(spent, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0)).get().has(Frame.STOP),
        "a worker registering after the budget is spent is stopped before its first step");
    spent.tick();
    assertTrue(spent.stopping());
  }

  @Test
  void asgdRelaysStatesToOtherWorkersAndKeepsTheNewest() {
    AsgdPolicy policy = new AsgdPolicy(new double[SIZE], 2, 1, 3);
    ExchangeServer s = server(policy, 2, -1, 0);
    send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    send(s, frame(MessageType.REGISTER, 1, 0, 0, List.of(), 0));
    Frame r = send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(WeightVector.dense(new double[] {1, 1, 1, 1})), 5)).get();
    assertTrue(r.vectors().isEmpty(), "nothing deposited for worker 0 yet");
    send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(WeightVector.dense(new double[] {2, 2, 2, 2})), 5));
    Frame toOne = send(s, frame(MessageType.PUSH, 1, 0, 0, List.of(WeightVector.dense(new double[] {4, 4, 4, 4})), 5)).get();
    assertEquals(1, toOne.vectors().size(), "capacity 1: the newest state wins");
    assertArrayEquals(new double[] {2, 2, 2, 2}, toOne.vectors().get(0).toDense());
    assertArrayEquals(new double[] {3, 3, 3, 3}, s.model(), "the model is the workers' mean state");
  }

  @Test
  void deltaFitEndsAtTheStepWeightedAverageOfTheFinalStates() {
    ExchangeServer s = server(new DeltaPolicy(new double[SIZE], 3), 3, -1, 0);
    for (int w = 0; w < 3; w++) {
      send(s, frame(MessageType.REGISTER, w, 0, 0, List.of(), 0));
    }
    send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(delta(1, 0, 0, 0)), 10));
    assertEquals(MessageType.ACK, send(s, frame(MessageType.FINISH, 0, 0, 0,
        List.of(delta(1, 0, 0, 0), delta(2, 0, 0, 0), delta(2, 0, 0, 0)), 20)).get().type());
    assertEquals(MessageType.REJECT, send(s, frame(MessageType.FINISH, 1, 0, 0,
        List.of(delta(0, 3, 0, 0)), 10)).get().type(), "a finish carries the last push, the final state and the iterate average");
    send(s, frame(MessageType.FINISH, 2, 0, 0, List.of(delta(0, 0, 0, 0), delta(9, 9, 9, 9), delta(9, 9, 9, 9)), 0));
    assertArrayEquals(new double[] {2, 0, 0, 0}, s.model(), "the server adds every delta");
    assertArrayEquals(new double[] {2, 0, 0, 0}, s.finalModel(), "worker 2 took no step: it is left out");

    ExchangeServer t = server(new DeltaPolicy(new double[SIZE], 2), 2, -1, 0);
    send(t, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    send(t, frame(MessageType.REGISTER, 1, 0, 0, List.of(), 0));
    assertArrayEquals(new double[SIZE], t.finalModel(), "no worker finished: the server model");
    send(t, frame(MessageType.PUSH, 1, 0, 0, List.of(delta(0, 1, 0, 0)), 30));
    send(t, frame(MessageType.FINISH, 0, 0, 0, List.of(delta(4, 0, 0, 0), delta(4, 1, 0, 0), delta(4, 1, 0, 0)), 10));
    send(t, frame(MessageType.FINISH, 1, 0, 0, List.of(delta(0, 0, 0, 0), delta(0, 1, 0, 0), delta(0, 1, 0, 0)), 0));
    assertArrayEquals(new double[] {1, 1, 0, 0}, t.finalModel(), "weights 10 and 30 steps");
    Frame again = send(t, frame(MessageType.REGISTER, 0, 0, 1, List.of(), 0)).get();
    assertTrue(again.has(Frame.STOP), "a finished worker's new attempt has nothing left to do");
    assertEquals(MessageType.ACK, send(t, frame(MessageType.FINISH, 0, 0, 1,
        List.of(delta(0, 0, 0, 0), delta(7, 7, 7, 7), delta(7, 7, 7, 7)), 50)).get().type());
    assertArrayEquals(new double[] {1, 1, 0, 0}, t.finalModel(), "counted once, by its first attempt");
  }

  @Test
  void asgdFitEndsAtTheStepWeightedAverageOfTheFinalStates() {
    ExchangeServer s = server(new AsgdPolicy(new double[SIZE], 2, 1, 3), 2, -1, 0);
    send(s, frame(MessageType.REGISTER, 0, 0, 0, List.of(), 0));
    send(s, frame(MessageType.REGISTER, 1, 0, 0, List.of(), 0));
    send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(WeightVector.dense(new double[] {8, 8, 8, 8})), 5));
    // A finish carries the last push (the state), the state, then the worker's iterate average.
    WeightVector last0 = WeightVector.dense(new double[] {7, 7, 7, 7});
    WeightVector last1 = WeightVector.dense(new double[] {3, 3, 3, 3});
    send(s, frame(MessageType.FINISH, 0, 0, 0, List.of(last0, last0, WeightVector.dense(new double[] {5, 5, 5, 5})), 5));
    send(s, frame(MessageType.FINISH, 1, 0, 0, List.of(last1, last1, WeightVector.dense(new double[] {1, 1, 1, 1})), 30));
    assertArrayEquals(new double[] {4, 4, 4, 4}, s.finalModel(), "final states, weights 10 and 30 steps");
    assertArrayEquals(new double[] {2, 2, 2, 2}, s.finalIterateAverage(), "iterate averages, the same weights");
  }

  @Test
  void asgdDepositsOnlyForRunningWorkers() {
    codec = new FrameCodec(SIZE, 10);
    AsgdPolicy policy = new AsgdPolicy(new double[SIZE], 3, 10, 3);
    ExchangeServer s = server(policy, 3, -1, 0);
    for (int w = 0; w < 3; w++) {
      send(s, frame(MessageType.REGISTER, w, 0, 0, List.of(), 0));
    }
    WeightVector nines = WeightVector.dense(new double[] {9, 9, 9, 9});
    send(s, frame(MessageType.FINISH, 2, 0, 0, List.of(nines, nines, nines), 5));
    for (int i = 0; i < 8; i++) {
      send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(WeightVector.dense(new double[] {i, i, i, i})), 5));
    }
    Frame toOne = send(s, frame(MessageType.PUSH, 1, 0, 0, List.of(WeightVector.dense(new double[SIZE])), 5)).get();
    assertEquals(8, toOne.vectors().size(), "every state went to the one running worker, none to the finished one");
    s.taskEnded(3, 1, 0, 0); // worker 1's task ended: worker 0 has no running peer left
    Frame toZero = send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(WeightVector.dense(new double[SIZE])), 5)).get();
    assertEquals(1, toZero.vectors().size(), "worker 1's last push, deposited while it ran");
    send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(WeightVector.dense(new double[SIZE])), 5));
    Frame again = send(s, frame(MessageType.REGISTER, 1, 0, 1, List.of(), 0)).get();
    assertEquals(MessageType.MODEL, again.type());
    assertTrue(send(s, frame(MessageType.PUSH, 1, 0, 1, List.of(WeightVector.dense(new double[SIZE])), 5)).get()
        .vectors().isEmpty(), "nothing was deposited for worker 1 while its task was down");
  }

  @Test
  void spreadIsTheRootMeanSquareDistanceOfTheStatesToTheirAverage() {
    AsgdPolicy policy = new AsgdPolicy(new double[SIZE], 3, 1, 3);
    ExchangeServer s = server(policy, 3, -1, 0);
    for (int w = 0; w < 3; w++) {
      send(s, frame(MessageType.REGISTER, w, 0, 0, List.of(), 0));
    }
    assertTrue(Double.isNaN(policy.spread()), "no states pushed yet");
    send(s, frame(MessageType.PUSH, 0, 0, 0, List.of(WeightVector.dense(new double[] {3, 0, 0, 0})), 5));
    send(s, frame(MessageType.PUSH, 1, 0, 0, List.of(WeightVector.dense(new double[] {-3, 0, 0, 0})), 5));
    // worker 2 has not pushed: its initial state is left out. Distances 3 and 3.
    assertEquals(3.0, policy.spread(), 1e-12);
    send(s, frame(MessageType.PUSH, 2, 0, 0, List.of(WeightVector.dense(new double[] {0, 0, 0, 0})), 90));
    // states 3, -3, 0 around 0: sqrt((9 + 9 + 0) / 3)
    assertEquals(Math.sqrt(6), policy.spread(), 1e-12);
    assertArrayEquals(new double[] {Math.sqrt(6)}, s.stats().spreadHistory(), 1e-12, "one epoch of 100 rows");
    for (int w = 0; w < 3; w++) {
      WeightVector state = WeightVector.dense(new double[] {w, 0, 0, 0});
      send(s, frame(MessageType.FINISH, w, 0, 0, List.of(state, state, state), 10));
    }
    // final states 0, 1, 2 with weights 15, 15, 100: average 215/130
    double avg = 215.0 / 130;
    double expected = Math.sqrt((15 * avg * avg + 15 * (1 - avg) * (1 - avg) + 100 * (2 - avg) * (2 - avg)) / 130);
    assertEquals(expected, s.stats().finalSpread(), 1e-12);
  }
}
