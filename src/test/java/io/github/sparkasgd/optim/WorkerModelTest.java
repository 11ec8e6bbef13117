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
  private static Frame reply(WeightVector v) {
    return new Frame(MessageType.MODEL, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(v));
  }

  @Test
  void pushesItsChangeAndKeepsProgressMadeDuringTheRoundTrip() {
    double[] start = new double[10];
    start[0] = 1.0;
    WorkerModel model = new WorkerModel(start);
    double[] w = model.shared();
    w[2] += 0.5; // steps before the exchange
    w[7] -= 0.25;
    WeightVector delta = model.snapshotDelta();
    assertTrue(delta.isSparse());
    assertArrayEquals(new int[] {2, 7}, delta.indices());
    assertArrayEquals(new double[] {0.5, -0.25}, delta.values());

    w[2] += 0.125; // a step taken while the push is in flight
    // The server's model changed at 0 (another worker), 2 and 7 (this push) since the last reply.
    model.adoptServerModel(reply(new WeightVector(10, new int[] {0, 2, 7}, new double[] {3.0, 0.5, -0.25})));
    assertArrayEquals(new double[] {3.0, 0, 0.625, 0, 0, 0, 0, -0.25, 0, 0}, w, 0.0);

    WeightVector next = model.snapshotDelta();
    assertArrayEquals(new int[] {2}, next.indices(), "only the in-flight step is new");
    assertEquals(0.125, next.values()[0], 0.0);
  }

  @Test
  void densePushWhenMostCoordinatesChanged() {
    WorkerModel model = new WorkerModel(new double[4]);
    double[] w = model.shared();
    w[0] = 1;
    w[1] = 2;
    w[3] = 4;
    WeightVector delta = model.snapshotDelta();
    assertFalse(delta.isSparse());
    assertArrayEquals(new double[] {1, 2, 0, 4}, delta.values(), 0.0);
  }
}
