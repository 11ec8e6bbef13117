package io.github.sparkasgd.objective;

import java.util.Arrays;
import java.util.List;

/** The hidden layers' activation of an {@link MlpObjective}; the output layer is always softmax. */
public enum MlpActivation {
  /** {@code max(0, z)}, the default: He-initialised. */
  RELU("relu") {
    @Override
    void applyInPlace(double[] z, int off, int n) {
      for (int i = off, end = off + n; i < end; i++) {
        if (z[i] < 0.0) {
          z[i] = 0.0;
        }
      }
    }

    @Override
    void multiplyByDerivative(double[] delta, double[] a, int n) {
      for (int i = 0; i < n; i++) {
        if (a[i] <= 0.0) {
          delta[i] = 0.0;
        }
      }
    }
  },
  /** {@code 1 / (1 + e^-z)}, MLlib's MultilayerPerceptronClassifier's: Glorot-initialised. */
  SIGMOID("sigmoid") {
    @Override
    void applyInPlace(double[] z, int off, int n) {
      for (int i = off, end = off + n; i < end; i++) {
        z[i] = 1.0 / (1.0 + Math.exp(-z[i]));
      }
    }

    @Override
    void multiplyByDerivative(double[] delta, double[] a, int n) {
      for (int i = 0; i < n; i++) {
        delta[i] *= a[i] * (1.0 - a[i]);
      }
    }
  };

  public static final List<String> PARAM_VALUES = Arrays.stream(values()).map(MlpActivation::paramValue).toList();

  private final String paramValue;

  MlpActivation(String paramValue) {
    this.paramValue = paramValue;
  }

  public String paramValue() {
    return paramValue;
  }

  public static MlpActivation fromParam(String value) {
    for (MlpActivation a : values()) {
      if (a.paramValue.equals(value)) {
        return a;
      }
    }
    throw new IllegalArgumentException("activation must be one of " + PARAM_VALUES + ", got " + value);
  }

  /** {@code z[off : off + n] <- f(z)}. */
  abstract void applyInPlace(double[] z, int off, int n);

  /** {@code delta[0:n] *= f'(z)}, written in terms of the activations {@code a = f(z)}. */
  abstract void multiplyByDerivative(double[] delta, double[] a, int n);
}
