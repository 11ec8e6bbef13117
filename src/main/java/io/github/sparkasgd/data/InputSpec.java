package io.github.sparkasgd.data;

import java.io.Serializable;

/**
 * Which columns hold the training data and how labels must look.
 *
 * @param labelCol null or empty for unlabelled input (clustering): blocks then store a constant 0 label
 * @param weightCol null or empty when every row weighs 1
 * @param numClasses classes declared by the label column's metadata; 0 when unknown or for regression
 * @param numWorkers partitions to train on; 0 keeps the input's partitioning
 * @param seed seeds the random order in which each partition's rows are stored
 * @param spreadRows deal the rows out over the partitions (round robin) when the partitions' labels
 *     show they are not randomly assigned (input sorted or partitioned by label): for solvers that
 *     assume randomly assigned rows (SimuParallelSGD, async; seed 000 Alg. 3 line 2)
 * @param precision how blocks store feature values
 */
public record InputSpec(
    String featuresCol,
    String labelCol,
    String weightCol,
    boolean classification,
    int numClasses,
    int numWorkers,
    long seed,
    boolean spreadRows,
    ValuePrecision precision) implements Serializable {

  /**
   * Keeps the input's assignment of rows to partitions (unless {@code numWorkers} changes it) and
   * stores values in single precision.
   */
  public InputSpec(String featuresCol, String labelCol, String weightCol, boolean classification, int numClasses,
      int numWorkers, long seed) {
    this(featuresCol, labelCol, weightCol, classification, numClasses, numWorkers, seed, false, ValuePrecision.FLOAT32);
  }

  /** Labels above this are rejected: a class histogram of this size is kept per partition. */
  public static final int MAX_CLASSES = 1 << 16;

  /** The input of a model that reads no label (k-means): features and optional weights only. */
  public static InputSpec unlabelled(String featuresCol, String weightCol, int numWorkers, long seed,
      boolean spreadRows, ValuePrecision precision) {
    return new InputSpec(featuresCol, null, weightCol, false, 0, numWorkers, seed, spreadRows, precision);
  }

  public boolean hasLabelCol() {
    return labelCol != null && !labelCol.isEmpty();
  }

  public boolean hasWeightCol() {
    return weightCol != null && !weightCol.isEmpty();
  }
}
