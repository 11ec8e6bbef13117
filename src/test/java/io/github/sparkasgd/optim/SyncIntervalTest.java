package io.github.sparkasgd.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SyncIntervalTest {
  @Test
  void growsWithTheModelOverTheValuesAStepTouches() {
    // Fashion-MNIST softmax: 7,850 weights, 784 dense values x 10 outputs per step: the floor.
    assertEquals(AsyncSolver.MIN_SYNC_INTERVAL, AsyncSolver.autoSyncInterval(7850, 7840));
    // RCV1-shaped binary logistic: 47,237 weights, 75 nonzeros per step.
    assertEquals((int) Math.ceil(AsyncSolver.EXCHANGE_COST_IN_STEP_VALUES * 47237 / 75),
        AsyncSolver.autoSyncInterval(47237, 75));
    assertEquals(2 * AsyncSolver.autoSyncInterval(47237, 75) - 1, AsyncSolver.autoSyncInterval(2 * 47237, 75),
        1.0);
    assertEquals(AsyncSolver.MAX_AUTO_SYNC_INTERVAL, AsyncSolver.autoSyncInterval(Integer.MAX_VALUE, 1));
    assertEquals(AsyncSolver.MIN_SYNC_INTERVAL, AsyncSolver.autoSyncInterval(10, 0));
  }
}
