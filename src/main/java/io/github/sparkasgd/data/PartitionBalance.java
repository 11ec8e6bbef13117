package io.github.sparkasgd.data;

import java.util.List;

/**
 * Whether the partitions' labels look like a random assignment of rows, from the statistics block
 * building gathers anyway. Under random assignment a partition's class shares (classification) or
 * label mean (regression) differ from the whole data's by sampling noise only; input sorted or
 * partitioned by label differs by far more. The thresholds sit many standard deviations out (a
 * chi-square of K - 1 degrees of freedom beyond its mean plus 8 sd; a mean 8 standard errors off), so
 * random input is essentially never flagged, and a flagged input only costs a shuffle. Stateless.
 */
final class PartitionBalance {
  private static final double SDS = 8.0;

  private PartitionBalance() {}

  /** @param totals the partitions' statistics summed */
  static boolean looksRandom(List<BlockStats> partitions, BlockStats totals, InputSpec spec) {
    if (!(totals.weightSum > 0)) {
      return true;
    }
    for (BlockStats p : partitions) {
      if (p.numRows > 0 && p.weightSum > 0
          && !(spec.classification() ? classSharesFit(p, totals) : labelMeanFits(p, totals))) {
        return false;
      }
    }
    return true;
  }

  /** Pearson's chi-square of the partition's class shares against the whole data's. */
  private static boolean classSharesFit(BlockStats p, BlockStats totals) {
    double chi2 = 0.0;
    int classes = 0;
    for (int k = 0; k < totals.classWeights.length; k++) {
      double expected = totals.classWeights[k] / totals.weightSum;
      if (expected > 0) {
        double observed = k < p.classWeights.length ? p.classWeights[k] / p.weightSum : 0.0;
        chi2 += (observed - expected) * (observed - expected) / expected;
        classes++;
      }
    }
    chi2 *= p.numRows;
    double dof = Math.max(1, classes - 1);
    return chi2 <= dof + SDS * Math.sqrt(2 * dof) + SDS;
  }

  private static boolean labelMeanFits(BlockStats p, BlockStats totals) {
    double mean = totals.weightedLabelSum / totals.weightSum;
    double variance = Math.max(0.0, totals.weightedLabelSquareSum / totals.weightSum - mean * mean);
    double diff = p.weightedLabelSum / p.weightSum - mean;
    return diff * diff * p.numRows <= SDS * SDS * variance + 1e-300;
  }
}
