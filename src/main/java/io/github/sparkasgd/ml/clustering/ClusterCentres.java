package io.github.sparkasgd.ml.clustering;

import java.io.Serializable;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

/** A fitted k-means model's numbers: {@code k} centres of {@code d} features, row-major. Immutable. */
final class ClusterCentres implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final int d;
  private final double[] values;
  /** {@code ||c_j||^2}, so a prediction costs one dot product per centre. */
  private final double[] squaredNorms;

  ClusterCentres(int k, int d, double[] values) {
    if (values.length != (long) k * d) {
      throw new IllegalArgumentException(k + " centres of " + d + " features need " + (long) k * d
          + " values, got " + values.length);
    }
    this.k = k;
    this.d = d;
    this.values = values.clone();
    this.squaredNorms = new double[k];
    for (int j = 0; j < k; j++) {
      for (int f = 0; f < d; f++) {
        squaredNorms[j] += values[j * d + f] * values[j * d + f];
      }
    }
  }

  /** Centres given as vectors, all of one size. */
  static ClusterCentres of(Vector[] centres) {
    int d = centres[0].size();
    double[] values = new double[centres.length * d];
    for (int j = 0; j < centres.length; j++) {
      if (centres[j].size() != d) {
        throw new IllegalArgumentException("centre " + j + " has " + centres[j].size() + " features, not " + d);
      }
      System.arraycopy(centres[j].toArray(), 0, values, j * d, d);
    }
    return new ClusterCentres(centres.length, d, values);
  }

  int k() {
    return k;
  }

  int numFeatures() {
    return d;
  }

  double[] values() {
    return values.clone();
  }

  /** The bytes its arrays hold (centres and their norms), without copying them. */
  long sizeInBytes() {
    return 8L * (values.length + squaredNorms.length);
  }

  Vector[] toVectors() {
    Vector[] out = new Vector[k];
    for (int j = 0; j < k; j++) {
      double[] c = new double[d];
      System.arraycopy(values, j * d, c, 0, d);
      out[j] = Vectors.dense(c);
    }
    return out;
  }

  /** The index of the centre nearest to {@code x} in Euclidean distance (the first of equals). */
  int predict(Vector x) {
    if (x.size() != d) {
      throw new IllegalArgumentException("vector has " + x.size() + " features but the model has " + d);
    }
    int best = 0;
    double bestPartial = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      // ||x - c||^2 - ||x||^2: the row's own norm does not change which centre is nearest.
      double partial = squaredNorms[j] - 2.0 * dot(x, j * d);
      if (partial < bestPartial) {
        bestPartial = partial;
        best = j;
      }
    }
    return best;
  }

  private double dot(Vector x, int offset) {
    double sum = 0.0;
    if (x instanceof SparseVector s) {
      int[] idx = s.indices();
      double[] v = s.values();
      for (int i = 0; i < idx.length; i++) {
        sum += v[i] * values[offset + idx[i]];
      }
      return sum;
    }
    double[] v = ((DenseVector) x).values();
    for (int f = 0; f < d; f++) {
      sum += v[f] * values[offset + f];
    }
    return sum;
  }
}
