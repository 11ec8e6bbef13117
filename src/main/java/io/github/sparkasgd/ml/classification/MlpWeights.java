package io.github.sparkasgd.ml.classification;

import io.github.sparkasgd.data.FeatureScaling;
import io.github.sparkasgd.objective.MlpObjective;

/**
 * MLP weights between the input's units and the scaled space the solvers train in, where feature i
 * is {@code (x_i - mu_i) s_i}. Only the first layer sees features: its weight {@code W'_oi} there is
 * {@code W_oi = W'_oi s_i} in the input's units, and the shift moves into the bias,
 * {@code b_o = b'_o - sum_i W'_oi s_i mu_i}. A constant feature ({@code s_i = 0}) gets weight 0.
 */
final class MlpWeights {
  private MlpWeights() {}

  static double[] toOriginal(MlpObjective layout, FeatureScaling scaling, double[] scaled) {
    return map(layout, scaling, scaled, true);
  }

  static double[] toScaled(MlpObjective layout, FeatureScaling scaling, double[] original) {
    return map(layout, scaling, original, false);
  }

  private static double[] map(MlpObjective layout, FeatureScaling scaling, double[] w, boolean toOriginal) {
    double[] v = w.clone();
    int[] layers = layout.layers();
    int d = layers[0];
    int h = layers[1];
    int off = layout.weightOffset(0);
    int bias = layout.biasOffset(0);
    for (int i = 0; i < d; i++) {
      double s = scaling.scale(i);
      double mu = scaling.shift(i);
      for (int o = 0; o < h; o++) {
        int k = off + i * h + o;
        double scaledWeight = toOriginal ? w[k] : (s == 0 ? 0.0 : w[k] / s);
        v[k] = toOriginal ? w[k] * s : scaledWeight;
        v[bias + o] += (toOriginal ? -1.0 : 1.0) * scaledWeight * s * mu;
      }
    }
    return v;
  }
}
