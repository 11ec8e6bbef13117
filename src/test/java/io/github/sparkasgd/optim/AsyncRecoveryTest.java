package io.github.sparkasgd.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.exchange.DeltaPolicy;
import io.github.sparkasgd.exchange.ExchangePolicy;
import io.github.sparkasgd.exchange.ExchangeServer;
import io.github.sparkasgd.exchange.Frame;
import io.github.sparkasgd.exchange.FrameCodec;
import io.github.sparkasgd.exchange.MessageType;
import io.github.sparkasgd.exchange.WeightVector;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Retried and speculative attempts of an async worker: what the driver keeps and what they resume from. */
class AsyncRecoveryTest {
  private static final long FIT = 5;
  private final FrameCodec codec = new FrameCodec(2, ExchangePolicy.FINISH_VECTORS);

  private ExchangeServer server(int workers) {
    return new ExchangeServer(FIT, workers, new DeltaPolicy(new double[2], workers), codec, -1, false, 1000,
        w -> 0.0, v -> false, 0, System.nanoTime());
  }

  private Frame send(ExchangeServer s, MessageType type, int worker, int taskAttempt, long examples,
      List<WeightVector> v) {
    AtomicReference<Frame> reply = new AtomicReference<>();
    s.handle(codec.encode(new Frame(type, FIT, 1, 0, worker, taskAttempt, 0, 0, 0, 0, examples, examples, v)),
        b -> reply.set(codec.decode(b)));
    return reply.get();
  }

  private static List<WeightVector> finish() {
    WeightVector v = WeightVector.compact(new double[] {1, 0});
    return List.of(v, v, v);
  }

  @Test
  void aSupersededAttemptsSuccessIsNotAFinalState() {
    ExchangeServer s = server(2);
    send(s, MessageType.REGISTER, 0, 0, 0, List.of());
    send(s, MessageType.REGISTER, 1, 0, 0, List.of());
    send(s, MessageType.REGISTER, 0, 1, 0, List.of()); // a speculative copy of worker 0
    assertEquals(MessageType.REJECT, send(s, MessageType.FINISH, 0, 0, 100, finish()).type(),
        "the original attempt's finish is rejected; its task must fail, not succeed with nothing");
    send(s, MessageType.FINISH, 1, 0, 100, finish());
    List<WorkerReport> reports = List.of(new WorkerReport(0, 100, 100, 1, 1, 1, 0.1, 0.1),
        new WorkerReport(1, 100, 100, 1, 1, 1, 0.1, 0.1));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AsyncSolver.requireFinalStates(reports, s));
    assertTrue(e.getMessage().contains("worker 0"), e.getMessage());
    send(s, MessageType.FINISH, 0, 1, 100, finish());
    assertDoesNotThrow(() -> AsyncSolver.requireFinalStates(reports, s));
    assertDoesNotThrow(() -> AsyncSolver.requireFinalStates(List.of(new WorkerReport(0, 0, 0, 0, 0, 0, 0, 0)),
        server(1)), "a worker without rows has nothing to record");
  }

  @Test
  void aRetriedAttemptResumesAtTheEpochsItsWorkerRecorded() {
    ExchangeServer s = server(1);
    assertEquals(0, send(s, MessageType.REGISTER, 0, 0, 0, List.of()).examples());
    send(s, MessageType.PUSH, 0, 0, 250, List.of(WeightVector.compact(new double[] {1, 0})));
    send(s, MessageType.PUSH, 0, 0, 100, List.of(WeightVector.compact(new double[] {1, 0})));
    Frame retry = send(s, MessageType.REGISTER, 0, 1, 0, List.of());
    assertEquals(350, retry.examples(), "steps the lost attempt's accepted pushes carried");
    assertEquals(3, AsyncWorker.resumeEpoch(retry.examples(), 100, 10), "3 of 10 epochs over 100 rows done");
    assertEquals(10, AsyncWorker.resumeEpoch(5000, 100, 10));
    assertEquals(0, AsyncWorker.resumeEpoch(350, 0, 10));
  }
}
