package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.Objective;

/** The data term at given parameters over every cached row, by one Spark job. */
public final class DataLoss {
  private DataLoss() {}

  /** {@code sum_i weight_i * loss_i(w)} over all rows (no penalty, not divided by the weight). */
  public static double weightedSum(TrainingData data, Objective objective, double[] w) {
    VectorSum sum = PartitionRound.run(data, w, (p, blocks, current) -> {
      Objective.Scratch scratch = objective.newScratch();
      VectorSum partial = new VectorSum(0, 1);
      while (blocks.hasNext()) {
        Block block = blocks.next();
        partial.scalars[0] += objective.weightedLoss(block, 0, block.numRows(), current, scratch);
      }
      return partial;
    });
    return sum.scalars[0];
  }
}
