package io.github.sparkasgd.data;

import java.util.SplittableRandom;

/** Random permutations of row (or run) numbers, as the blocks' storage order and SGD's visiting order use them. */
public final class Permutations {
  private Permutations() {}

  /** 0, 1, ..., n-1. */
  public static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** Fisher-Yates, in place. */
  public static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
