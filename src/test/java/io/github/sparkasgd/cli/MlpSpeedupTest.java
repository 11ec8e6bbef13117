package io.github.sparkasgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sparkasgd.ml.SGDTrainingSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The speedup table's arithmetic against crossings worked out by hand. */
class MlpSpeedupTest {

  @Test
  void crossingInterpolatesBetweenTheEpochsAroundTheTarget() {
    double[] objective = {1.0, 0.6, 0.4, 0.3};
    double[] seconds = {10, 14, 18, 22};
    // 0.5 lies halfway from epoch 2 (0.6, 14 s) to epoch 3 (0.4, 18 s).
    MlpSpeedup.Crossing c = MlpSpeedup.crossing(objective, seconds, 0.5);
    assertEquals(2.5, c.epochs(), 1e-12);
    assertEquals(16.0, c.seconds(), 1e-12);
    assertEquals(6.0, c.sinceFirstEpoch(), 1e-12);
    // Met exactly at an epoch: that epoch.
    c = MlpSpeedup.crossing(objective, seconds, 0.4);
    assertEquals(3.0, c.epochs(), 1e-12);
    assertEquals(18.0, c.seconds(), 1e-12);
  }

  @Test
  void crossingByTheFirstEpochCountsThatEpochAndNeverReachedIsNull() {
    double[] objective = {0.5, 0.45};
    double[] seconds = {7, 9};
    MlpSpeedup.Crossing c = MlpSpeedup.crossing(objective, seconds, 0.8);
    assertEquals(1.0, c.epochs(), 1e-12);
    assertEquals(7.0, c.seconds(), 1e-12);
    assertEquals(0.0, c.sinceFirstEpoch(), 1e-12);
    assertNull(MlpSpeedup.crossing(objective, seconds, 0.4));
  }

  @Test
  void theDefaultTargetIsTheHighestLowestObjective() {
    Map<MlpSpeedup.Setup, List<SGDTrainingSummary>> fits = new LinkedHashMap<>();
    fits.put(MlpSpeedup.Setup.parse("1x1"), List.of(summary(0.9, 0.5, 0.55), summary(0.8, 0.45)));
    fits.put(MlpSpeedup.Setup.parse("2x1"), List.of(summary(0.9, 0.6, 0.58)));
    assertEquals(0.58, MlpSpeedup.reachableByAll(fits), 0);
  }

  @Test
  void setupsAreWorkersByThreads() {
    MlpSpeedup.Setup s = MlpSpeedup.Setup.parse(" 2x1");
    assertEquals(2, s.workers());
    assertEquals(1, s.threads());
    assertEquals(2, s.parallelism());
    assertThrows(IllegalArgumentException.class, () -> MlpSpeedup.Setup.parse("2"));
  }

  private static SGDTrainingSummary summary(double... objective) {
    double[] seconds = new double[objective.length];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = i + 1;
    }
    return new SGDTrainingSummary("async", objective, seconds, objective.length, null, 0.1);
  }
}
