package io.github.sparkasgd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.exchange.Frame;
import io.github.sparkasgd.exchange.MessageType;
import io.github.sparkasgd.exchange.WeightVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerModelTest {
  /** The gate of a worker whose threads are not running (every one of its 0 threads is paused). */
  private static WorkerProgress idle() {
    return new WorkerProgress(Long.MAX_VALUE, false, 0);
  }

  private static Frame reply(WeightVector v) {
    return new Frame(MessageType.MODEL, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(v));
  }

  @Test
  void pushesItsChangeAndKeepsProgressMadeDuringTheRoundTrip() {
    double[] start = new double[10];
    start[0] = 1.0;
    WorkerModel model = new WorkerModel(start, idle(), null);
    double[] w = model.shared();
    w[2] += 0.5; // steps before the exchange
    w[7] -= 0.25;
    WeightVector delta = model.snapshotPush();
    assertTrue(delta.isSparse());
    assertArrayEquals(new int[] {2, 7}, delta.indices());
    assertArrayEquals(new double[] {0.5, -0.25}, delta.values());

    w[2] += 0.125; // a step taken while the push is in flight
    // The server's model changed at 0 (another worker), 2 and 7 (this push) since the last reply.
    model.adopt(reply(new WeightVector(10, new int[] {0, 2, 7}, new double[] {3.0, 0.5, -0.25})), 0, 0);
    assertArrayEquals(new double[] {3.0, 0, 0.625, 0, 0, 0, 0, -0.25, 0, 0}, w, 0.0);

    WeightVector next = model.snapshotPush();
    assertArrayEquals(new int[] {2}, next.indices(), "only the in-flight step is new");
    assertEquals(0.125, next.values()[0], 0.0);
  }

  @Test
  void densePushWhenMostCoordinatesChanged() {
    WorkerModel model = new WorkerModel(new double[4], idle(), null);
    double[] w = model.shared();
    w[0] = 1;
    w[1] = 2;
    w[3] = 4;
    WeightVector delta = model.snapshotPush();
    assertFalse(delta.isSparse());
    assertArrayEquals(new double[] {1, 2, 0, 4}, delta.values(), 0.0);
  }

  /**
   * Threads that keep writing the shared array with plain read-modify-writes, as Hogwild! steps do,
   * while the exchange loop adopts replies: every adopted amount must end up in the array. Each
   * thread owns its own coordinates (so threads never lose one another's increments, and what a
   * coordinate must hold is known exactly) and passes a checkpoint between rounds, as a Hogwild!
   * thread does between rows. All values are small integers, so the sums are exact.
   */
  @Test
  void adoptionIsNeverLostWhileThreadsWriteTheArray() throws Exception {
    int size = 64;
    int threadCount = 2;
    WorkerProgress progress = new WorkerProgress(Long.MAX_VALUE, false, threadCount);
    WorkerModel model = new WorkerModel(new double[size], progress, null);
    double[] w = model.shared();
    long[][] increments = new long[threadCount][size];
    Thread[] threads = new Thread[threadCount];
    for (int t = 0; t < threadCount; t++) {
      int own = t;
      threads[t] = new Thread(() -> {
        try {
          while (!progress.stopped()) {
            progress.checkpoint();
            for (int round = 0; round < 32 && !progress.stopped(); round++) {
              for (int j = own; j < size; j += threadCount) {
                w[j] += 1.0;
                increments[own][j]++;
              }
            }
          }
        } finally {
          progress.threadEnded();
        }
      });
      threads[t].start();
    }
    double[] adopted = new double[size];
    java.util.Random random = new java.util.Random(5);
    try {
      for (int exchange = 0; exchange < 3000; exchange++) {
        double[] snapshot = model.snapshotState().toDense();
        double[] server = snapshot.clone();
        for (int j = 0; j < size; j++) {
          double change = random.nextInt(7) - 3; // another worker's progress, as the server replies it
          server[j] += change;
          adopted[j] += change;
        }
        model.adopt(reply(WeightVector.dense(server)), 0, 0);
      }
    } finally {
      progress.stop();
      for (Thread t : threads) {
        t.join();
      }
    }
    for (int j = 0; j < size; j++) {
      long steps = increments[j % threadCount][j];
      assertEquals(steps + adopted[j], w[j], 0.0, "coordinate " + j + ": " + steps + " thread increments and "
          + adopted[j] + " adopted");
    }
  }

  /**
   * The finished worker returns the polynomial-decay average of its snapshots: snapshot t (of T)
   * weighted t(t + 1)(t + 2), the start not at all. The last snapshot alone would be 10 here.
   */
  @Test
  void averagesItsSnapshotsWithPolynomialDecayWeights() {
    WorkerModel model = new WorkerModel(new double[] {100.0}, idle(), null);
    double[] w = model.shared();
    double weighted = 0;
    double weights = 0;
    for (int t = 1; t <= 10; t++) {
      w[0] = t;
      model.snapshotState();
      model.foldIntoAverage();
      weighted += t * (t + 1.0) * (t + 2.0) * t;
      weights += t * (t + 1.0) * (t + 2.0);
    }
    assertEquals(weighted / weights, model.averagedState().toDense()[0], 1e-12);
  }
}
