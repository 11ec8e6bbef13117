package io.github.sparkasgd.objective;

import java.io.Serializable;

/**
 * Where a linear model's numbers live in one flat {@code double[]}: the K x d coefficient matrix
 * row-major at the front, then K intercepts. Solvers and the wire format pass only this array.
 */
public record LinearLayout(int numOutputs, int numFeatures, boolean fitIntercept) implements Serializable {

  public int size() {
    return numOutputs * numFeatures + numOutputs;
  }

  public int coefficientCount() {
    return numOutputs * numFeatures;
  }

  /** Offset of output k's coefficient row. */
  public int rowOffset(int k) {
    return k * numFeatures;
  }

  public int interceptIndex(int k) {
    return numOutputs * numFeatures + k;
  }
}
