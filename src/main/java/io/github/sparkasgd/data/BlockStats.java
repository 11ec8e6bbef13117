package io.github.sparkasgd.data;

import java.io.Serializable;

/**
 * What a partition's pass over its rows learned: counts, label moments and class weights used to
 * initialise the model, the feature dimension it saw, and the first invalid row, if any.
 */
public final class BlockStats implements Serializable {
  private static final long serialVersionUID = 1L;

  long numRows;
  long storedValues;
  long storedBytes;
  long sparseBlocks;
  int numFeatures = -1;
  double weightSum;
  double weightedLabelSum;
  double weightedLabelSquareSum;
  double maxLabel = Double.NEGATIVE_INFINITY;
  double[] classWeights = new double[0];
  BadRow badRow;

  public long numRows() {
    return numRows;
  }

  /**
   * Feature values the blocks store: every cell of a dense block, the nonzeros of a sparse one. Per
   * row, it is what one SGD step reads and writes.
   */
  public long storedValues() {
    return storedValues;
  }

  /** Heap bytes of the built blocks' arrays: what caching them costs. */
  public long storedBytes() {
    return storedBytes;
  }

  /** Blocks stored sparse (the others are dense). */
  public long sparseBlocks() {
    return sparseBlocks;
  }

  /** Size of the first feature vector of the partition, -1 when it has no rows. */
  public int numFeatures() {
    return numFeatures;
  }

  public double weightSum() {
    return weightSum;
  }

  public double weightedLabelSum() {
    return weightedLabelSum;
  }

  public double weightedLabelSquareSum() {
    return weightedLabelSquareSum;
  }

  public double maxLabel() {
    return maxLabel;
  }

  /** Total weight per class label (classification only; index = label). */
  public double[] classWeights() {
    return classWeights;
  }

  public BadRow badRow() {
    return badRow;
  }

  void addClassWeight(int label, double weight) {
    if (label >= classWeights.length) {
      classWeights = java.util.Arrays.copyOf(classWeights, label + 1);
    }
    classWeights[label] += weight;
  }

  /** Adds another partition's totals into this one (bad rows are handled by the caller, in order). */
  void merge(BlockStats other) {
    numRows += other.numRows;
    storedValues += other.storedValues;
    storedBytes += other.storedBytes;
    sparseBlocks += other.sparseBlocks;
    weightSum += other.weightSum;
    weightedLabelSum += other.weightedLabelSum;
    weightedLabelSquareSum += other.weightedLabelSquareSum;
    maxLabel = Math.max(maxLabel, other.maxLabel);
    for (int c = 0; c < other.classWeights.length; c++) {
      addClassWeight(c, other.classWeights[c]);
    }
    if (numFeatures < 0) {
      numFeatures = other.numFeatures;
    }
  }
}
