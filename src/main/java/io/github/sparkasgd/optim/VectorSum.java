package io.github.sparkasgd.optim;

import java.io.Serializable;

/**
 * A vector and a few scalars summed over partitions: a gradient with its loss and weight, or local
 * models weighted for averaging. {@link #merge} reuses the left operand, so a tree reduction
 * allocates nothing beyond the partitions' own results.
 */
final class VectorSum implements Serializable {
  private static final long serialVersionUID = 1L;

  final double[] vector;
  final double[] scalars;

  VectorSum(int vectorSize, int scalarCount) {
    this.vector = new double[vectorSize];
    this.scalars = new double[scalarCount];
  }

  static VectorSum merge(VectorSum a, VectorSum b) {
    for (int i = 0; i < a.vector.length; i++) {
      a.vector[i] += b.vector[i];
    }
    for (int i = 0; i < a.scalars.length; i++) {
      a.scalars[i] += b.scalars[i];
    }
    return a;
  }
}
