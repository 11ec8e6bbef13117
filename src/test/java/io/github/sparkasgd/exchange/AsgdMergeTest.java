package io.github.sparkasgd.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AsgdMergeTest {

  @Test
  void parzenWindowAcceptsOnlyStatesTheLocalStepMovedTowards() {
    double[] base = {0, 0};
    double[] local = {1, 0}; // the local step went +x
    assertTrue(AsgdMerge.accepts(base, local, new double[] {2, 1}));   // |(1,0)-(2,1)|^2 = 2 < |(0,0)-(2,1)|^2 = 5
    assertFalse(AsgdMerge.accepts(base, local, new double[] {-1, 0})); // 4 > 1
    assertFalse(AsgdMerge.accepts(base, local, new double[] {0.5, 3})); // 9.25 = 9.25: not strictly closer
  }

  @Test
  void mergeFollowsSeedEquationTwoOverTheStepsSinceTheLastMerge() {
    double[] base = {0, 0};
    double[] local = {1, 0};
    double eps = 0.5;
    // accepted: (2, 1) and (3, -1); rejected: (-1, 0). mean of accepted and base = (5/3, 0)
    List<WeightVector> states = List.of(WeightVector.dense(new double[] {2, 1}),
        WeightVector.dense(new double[] {3, -1}), WeightVector.dense(new double[] {-1, 0}));
    // one step: w_i - eps (w_i - mean + grad) with eps*grad = base - local: local - eps (base - mean)
    assertArrayEquals(new double[] {1 + 0.5 * 5.0 / 3, 0}, AsgdMerge.merge(base, local, states, eps, 1), 1e-15);
    // three steps close 1 - (1 - eps)^3 = 7/8 of the gap
    assertArrayEquals(new double[] {1 + 0.875 * 5.0 / 3, 0}, AsgdMerge.merge(base, local, states, eps, 3), 1e-15);
    assertArrayEquals(local, AsgdMerge.merge(base, local, List.of(WeightVector.dense(new double[] {-1, 0})), eps, 3));
  }

  /**
   * The closed form equals the paper's rule applied at each of k steps with the mean held at the
   * exchanged states: the gap to the mean closes as (1 - eps)^k and the gradient steps add up. The
   * per-step rate applied once per exchange closed 1% of the gap over 1000 steps at eps = 0.01,
   * where the rule closes all but 4e-5 of it.
   */
  @Test
  void pullOverAnIntervalIsThePerStepRuleRepeated() {
    double eps = 0.01;
    int k = 1000;
    double[] base = {4.0};
    double[] external = {-4.0};
    double[] local = {3.5}; // k gradient steps moved the worker by -0.5, towards the external state
    double mean = (base[0] + external[0]) / 2;
    double gap = base[0] - mean;
    for (int t = 0; t < k; t++) {
      gap -= eps * gap;
    }
    assertArrayEquals(new double[] {mean + gap + (local[0] - base[0])},
        AsgdMerge.merge(base, local, List.of(WeightVector.dense(external)), eps, k), 1e-12);
    assertEquals(1 - Math.pow(1 - eps, k), AsgdMerge.pullFraction(eps, k), 1e-15);
    assertEquals(1.0, AsgdMerge.pullFraction(1.5, 2), 0.0);
    assertEquals(0.0, AsgdMerge.pullFraction(0.1, 0), 0.0);
  }
}
