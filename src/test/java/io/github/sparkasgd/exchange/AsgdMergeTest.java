package io.github.sparkasgd.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
  void mergeFollowsSeedEquationTwo() {
    double[] base = {0, 0};
    double[] local = {1, 0};
    double eps = 0.5;
    // accepted: (2, 1) and (3, -1); rejected: (-1, 0). mean of accepted and base = (5/3, 0)
    double[] merged = AsgdMerge.merge(base, local, List.of(WeightVector.dense(new double[] {2, 1}),
        WeightVector.dense(new double[] {3, -1}), WeightVector.dense(new double[] {-1, 0})), eps);
    // w_i - eps (w_i - mean + grad) with eps*grad = base - local: local - eps (base - mean)
    assertArrayEquals(new double[] {1 + 0.5 * 5.0 / 3, 0}, merged, 1e-15);
    assertArrayEquals(local, AsgdMerge.merge(base, local, List.of(WeightVector.dense(new double[] {-1, 0})), eps));
  }
}
