package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of all blocks one worker (a partition's task) holds, numbered 0..n-1 across them. Blocks
 * are immutable, so any number of threads may read it.
 */
final class WorkerRows {
  private final Block[] blocks;
  private final int[] starts;
  private final int total;
  private final double rowScale;
  private final boolean anySparse;

  /**
   * @param rowScale the whole dataset's rows over its weight sum. Not this worker's own: a
   *     per-worker scale would make a row's effective weight {@code (n_p / W_p) * w_i}, undoing the
   *     weighting wherever the mean weight differs between workers (class or recency weights).
   */
  WorkerRows(List<Block> list, double rowScale) {
    this.blocks = list.toArray(new Block[0]);
    this.starts = new int[blocks.length + 1];
    boolean sparse = false;
    for (int b = 0; b < blocks.length; b++) {
      starts[b + 1] = starts[b] + blocks[b].numRows();
      sparse |= blocks[b].isSparse();
    }
    this.total = starts[blocks.length];
    this.rowScale = rowScale;
    this.anySparse = sparse;
  }

  /** The blocks of one partition, as a task's iterator hands them over. */
  static WorkerRows of(Iterator<Block> blocks, double rowScale) {
    List<Block> list = new ArrayList<>();
    blocks.forEachRemaining(list::add);
    return new WorkerRows(list, rowScale);
  }

  int size() {
    return total;
  }

  double rowScale() {
    return rowScale;
  }

  boolean anySparse() {
    return anySparse;
  }

  Block block(int global) {
    return blocks[blockIndex(global)];
  }

  int row(int global) {
    return global - starts[blockIndex(global)];
  }

  private int blockIndex(int global) {
    if (blocks.length == 1) {
      return 0;
    }
    int lo = 0;
    int hi = blocks.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= global) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
