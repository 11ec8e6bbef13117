package io.github.sparkasgd.ml;

import io.github.sparkasgd.objective.LinearLayout;
import java.io.Serializable;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * A trained linear model's numbers: {@code numOutputs x numFeatures} coefficients (row-major) and
 * {@code numOutputs} intercepts, plus the margin computation every prediction starts from.
 */
public record LinearModelData(int numOutputs, int numFeatures, double[] coefficients, double[] intercepts)
    implements Serializable {

  public LinearModelData {
    if (coefficients.length != numOutputs * numFeatures || intercepts.length != numOutputs) {
      throw new IllegalArgumentException("expected " + numOutputs + "x" + numFeatures
          + " coefficients and " + numOutputs + " intercepts, got " + coefficients.length
          + " and " + intercepts.length);
    }
  }

  /** Splits solver weights laid out by {@code layout}. */
  public static LinearModelData fromWeights(LinearLayout layout, double[] w) {
    double[] coefficients = java.util.Arrays.copyOfRange(w, 0, layout.coefficientCount());
    double[] intercepts = java.util.Arrays.copyOfRange(w, layout.coefficientCount(), layout.size());
    return new LinearModelData(layout.numOutputs(), layout.numFeatures(), coefficients, intercepts);
  }

  /** The solver weights laid out as {@link LinearLayout} does: coefficients, then intercepts. */
  public double[] toWeights() {
    double[] w = java.util.Arrays.copyOf(coefficients, coefficients.length + intercepts.length);
    System.arraycopy(intercepts, 0, w, coefficients.length, intercepts.length);
    return w;
  }

  /** {@code out[k] = w_k . x + b_k}. */
  public void margins(Vector features, double[] out) {
    if (features.size() != numFeatures) {
      throw new IllegalArgumentException("expected a feature vector of size " + numFeatures
          + " but got size " + features.size());
    }
    for (int k = 0; k < numOutputs; k++) {
      int base = k * numFeatures;
      double m = intercepts[k];
      if (features instanceof SparseVector sv) {
        int[] idx = sv.indices();
        double[] vals = sv.values();
        for (int i = 0; i < idx.length; i++) {
          m += vals[i] * coefficients[base + idx[i]];
        }
      } else {
        double[] vals = ((DenseVector) features).values();
        for (int j = 0; j < numFeatures; j++) {
          m += vals[j] * coefficients[base + j];
        }
      }
      out[k] = m;
    }
  }

  public DenseMatrix coefficientMatrix() {
    return new DenseMatrix(numOutputs, numFeatures, coefficients.clone(), true);
  }

  public DenseVector interceptVector() {
    return new DenseVector(intercepts.clone());
  }

  /** Coefficients of a single-output model. */
  public DenseVector coefficientVector() {
    if (numOutputs != 1) {
      throw new IllegalStateException("The model has " + numOutputs
          + " coefficient rows; use coefficientMatrix() and interceptVector()");
    }
    return new DenseVector(coefficients.clone());
  }
}
