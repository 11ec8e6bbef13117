package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.data.Block;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A weighted sample of at most {@code capacity} rows without replacement, in one pass: each row offered
 * with weight {@code v > 0} gets the key {@code E / v}, {@code E} a unit exponential draw, and the rows
 * of the smallest keys are kept (Efraimidis and Spirakis 2006: row i is then the next one drawn with
 * probability {@code v_i / sum of the v left}). Partitions sample alone and their samples merge, so a
 * sample over the whole data costs one Spark job.
 *
 * <p>Kept rows are copied out of their block as dense vectors when they enter (a rare event once the
 * sample is full: about {@code capacity * ln(n / capacity)} times in {@code n} rows); everything else
 * is primitive and allocation free. Threading: one thread.
 */
final class WeightedSample implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int capacity;
  private final int d;
  /** A max-heap on the keys: the root is the key a better row replaces. */
  private final double[] keys;
  private final double[][] rows;
  private int size;

  WeightedSample(int capacity, int numFeatures) {
    this.capacity = capacity;
    this.d = numFeatures;
    this.keys = new double[capacity];
    this.rows = new double[capacity][];
  }

  /** Offers the block's row with weight {@code v}; a weight of 0 (or less) never enters. */
  void offer(Block block, int row, double v, SplittableRandom random) {
    if (!(v > 0.0)) {
      return;
    }
    // Draw first, always: the stream of draws, hence the sample, does not depend on the heap's state.
    double key = -Math.log(1.0 - random.nextDouble()) / v;
    if (size == capacity && !(key < keys[0])) {
      return;
    }
    double[] x = new double[d];
    block.axpy(row, 1.0, x, 0);
    insert(key, x);
  }

  private void insert(double key, double[] x) {
    if (size < capacity) {
      keys[size] = key;
      rows[size] = x;
      siftUp(size++);
    } else if (key < keys[0]) {
      keys[0] = key;
      rows[0] = x;
      siftDown(0);
    }
  }

  /** This sample with {@code other}'s rows offered to it: the sample of both inputs. */
  WeightedSample merge(WeightedSample other) {
    for (int i = 0; i < other.size; i++) {
      insert(other.keys[i], other.rows[i]);
    }
    return this;
  }

  /** The kept rows, smallest key (first drawn) first. */
  double[][] rows() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b]));
    double[][] out = new double[size][];
    for (int i = 0; i < size; i++) {
      out[i] = rows[order[i]];
    }
    return out;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!(keys[i] > keys[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int largest = i;
      int left = 2 * i + 1;
      int right = left + 1;
      if (left < size && keys[left] > keys[largest]) {
        largest = left;
      }
      if (right < size && keys[right] > keys[largest]) {
        largest = right;
      }
      if (largest == i) {
        return;
      }
      swap(i, largest);
      i = largest;
    }
  }

  private void swap(int a, int b) {
    double key = keys[a];
    keys[a] = keys[b];
    keys[b] = key;
    double[] row = rows[a];
    rows[a] = rows[b];
    rows[b] = row;
  }
}
