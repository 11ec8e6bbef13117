package io.github.sparkasgd.exchange;

import java.util.List;

/**
 * ASGD's merge of external states (seed 000, eq. 2 to 4). At an exchange, worker i went from
 * {@code base} ({@code w_i}) to {@code local} ({@code w_i - eps * grad_i}). An external state
 * {@code w_j} is accepted only if that local step moved towards it (Parzen window):
 * {@code ||local - w_j||^2 < ||base - w_j||^2}. Then
 * {@code w_i <- w_i - eps * (w_i - mean(accepted w_j and w_i) + grad_i)}, which is
 * {@code local - eps * (base - mean)}.
 */
public final class AsgdMerge {
  private AsgdMerge() {}

  /** Whether the step from {@code base} to {@code local} moved towards {@code external}. */
  public static boolean accepts(double[] base, double[] local, double[] external) {
    double toLocal = 0;
    double toBase = 0;
    for (int k = 0; k < base.length; k++) {
      double a = local[k] - external[k];
      double b = base[k] - external[k];
      toLocal += a * a;
      toBase += b * b;
    }
    return toLocal < toBase;
  }

  /** The merged state; {@code local} itself when no external state is accepted. */
  public static double[] merge(double[] base, double[] local, List<WeightVector> externals, double eps) {
    double[] mean = base.clone();
    int accepted = 0;
    for (WeightVector v : externals) {
      double[] external = v.toDense();
      if (accepts(base, local, external)) {
        for (int k = 0; k < mean.length; k++) {
          mean[k] += external[k];
        }
        accepted++;
      }
    }
    double[] merged = local.clone();
    if (accepted == 0) {
      return merged;
    }
    for (int k = 0; k < merged.length; k++) {
      merged[k] -= eps * (base[k] - mean[k] / (accepted + 1));
    }
    return merged;
  }
}
