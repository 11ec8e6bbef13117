package io.github.sparkasgd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowOrderTest {
  @Test
  void eachPassVisitsEveryRowOnceInShuffledRunsOfConsecutiveRows() {
    int from = 1000;
    int to = from + 10 * RowOrder.RUN + 17; // a partial last run
    RowOrder order = new RowOrder(from, to);
    SplittableRandom random = new SplittableRandom(1);
    int[] first = order.shuffle(random).clone();
    int[] second = order.shuffle(random).clone();
    for (int[] pass : new int[][] {first, second}) {
      int[] sorted = pass.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < sorted.length; i++) {
        assertEquals(from + i, sorted[i]);
      }
      for (int i = 0; i < pass.length; i++) {
        if ((pass[i] - from) % RowOrder.RUN != 0) {
          assertEquals(pass[i] - 1, pass[i - 1], "inside a run, rows come in storage order");
        }
      }
      assertFalse(Arrays.equals(pass, sorted), "runs come in shuffled order");
    }
    assertFalse(Arrays.equals(first, second), "a new order every pass");
    assertFalse(Arrays.equals(first, new RowOrder(from, to).shuffle(new SplittableRandom(2))));
    assertArrayEquals(first, new RowOrder(from, to).shuffle(new SplittableRandom(1)), "seeded");
  }
}
