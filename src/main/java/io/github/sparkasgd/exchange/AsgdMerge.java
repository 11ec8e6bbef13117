package io.github.sparkasgd.exchange;

import java.util.List;

/**
 * ASGD's merge of external states (seed 000, eq. 2 to 4). At an exchange, worker i went from
 * {@code base} ({@code w_i}, its state at the last merge) to {@code local} in {@code k} local steps.
 * An external state {@code w_j} is accepted only if those steps moved towards it (Parzen window):
 * {@code ||local - w_j||^2 < ||base - w_j||^2}.
 *
 * <p>The paper applies {@code w <- w - eps * (w - mean + grad)} at every step, with {@code mean} the
 * average of the accepted states and {@code w}: each step closes the fraction {@code eps} of the gap
 * to the mean. States arrive here once per exchange, so the merge applies what that rule gives over
 * the {@code k} steps since the last merge: with the mean held at the states as exchanged (its own
 * part at {@code base}), the gap closes by {@code f = 1 - (1 - eps)^k}, and the gradient steps are
 * kept whole: {@code local - f * (base - mean)}. Applying the per-step {@code eps} once per exchange
 * instead closed about 1% of the gap per 1000 steps, which left the workers as independent as
 * SimuParallelSGD's. Holding the worker's own part of the mean at {@code base} (rather than letting it
 * follow {@code w}) is what makes two workers meet: with its own part moving, the rule would carry each
 * worker all the way to the other's state over a long interval, and two workers would swap states.
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

  /**
   * The fraction of the gap to the mean that {@code steps} steps of the per-step rule close:
   * {@code 1 - (1 - eps)^steps}, 1 when {@code eps >= 1}.
   */
  public static double pullFraction(double eps, long steps) {
    if (!(eps > 0) || steps <= 0) {
      return 0.0;
    }
    if (eps >= 1.0) {
      return 1.0;
    }
    return -Math.expm1(steps * Math.log1p(-eps));
  }

  /**
   * The merged state; {@code local} itself when no external state is accepted.
   *
   * @param eps the per-step rate (the step size)
   * @param steps local steps taken since the last merge (from {@code base} to {@code local})
   */
  public static double[] merge(double[] base, double[] local, List<WeightVector> externals, double eps,
      long steps) {
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
    double f = pullFraction(eps, steps);
    for (int k = 0; k < merged.length; k++) {
      merged[k] -= f * (base[k] - mean[k] / (accepted + 1));
    }
    return merged;
  }
}
