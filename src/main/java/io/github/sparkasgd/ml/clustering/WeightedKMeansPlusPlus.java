package io.github.sparkasgd.ml.clustering;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The driver's last step of k-means||: {@code k} centres from a few hundred weighted candidates. Seeds
 * by greedy k-means++ (Arthur and Vassilvitskii 2007, with {@code 2 + ln k} trials per centre keeping
 * the one that lowers the weighted cost most, as scikit-learn does: plain k-means++ puts two seeds in
 * one cluster often enough that Lloyd's iterations end in a poorer local minimum), then runs weighted
 * Lloyd iterations on the candidates (at most {@value #LLOYD_ITERATIONS}, as MLlib's local k-means).
 * Everything is local and small: {@code O(candidates * k * d)} per iteration.
 */
final class WeightedKMeansPlusPlus {
  private WeightedKMeansPlusPlus() {}

  static final int LLOYD_ITERATIONS = 30;

  /**
   * At most {@code k} centres of the distinct {@code points} weighted by {@code weights}; fewer when
   * fewer points have a positive weight.
   */
  static double[][] reduce(double[][] points, double[] weights, int k, SplittableRandom random) {
    return reduce(points, weights, k, 2 + (int) Math.log(k), random);
  }

  /** {@link #reduce(double[][], double[], int, SplittableRandom)} with {@code trials} draws per centre. */
  static double[][] reduce(double[][] points, double[] weights, int k, int trials, SplittableRandom random) {
    int n = points.length;
    int positive = 0;
    for (double v : weights) {
      positive += v > 0.0 ? 1 : 0;
    }
    int count = Math.min(k, positive);
    double[][] centres = new double[count][];
    if (count == 0) {
      return centres;
    }
    double[] nearest = new double[n];
    double[] trial = new double[n];
    double[] bestTrial = new double[n];
    centres[0] = points[draw(weights, null, random)].clone();
    for (int i = 0; i < n; i++) {
      nearest[i] = squaredDistance(points[i], centres[0]);
    }
    for (int c = 1; c < count; c++) {
      double bestCost = Double.POSITIVE_INFINITY;
      int best = -1;
      for (int t = 0; t < trials; t++) {
        int candidate = draw(weights, nearest, random);
        if (candidate < 0) {
          break; // every point of positive weight is a centre already
        }
        double cost = 0.0;
        for (int i = 0; i < n; i++) {
          trial[i] = Math.min(nearest[i], squaredDistance(points[i], points[candidate]));
          cost += weights[i] * trial[i];
        }
        if (cost < bestCost) {
          bestCost = cost;
          best = candidate;
          System.arraycopy(trial, 0, bestTrial, 0, n);
        }
      }
      if (best < 0) {
        return Arrays.copyOf(centres, c);
      }
      centres[c] = points[best].clone();
      System.arraycopy(bestTrial, 0, nearest, 0, n);
    }
    lloyd(points, weights, centres);
    return centres;
  }

  /**
   * An index drawn with probability proportional to {@code weights[i] * factors[i]} (factors 1 when
   * null), or -1 when every product is 0.
   */
  private static int draw(double[] weights, double[] factors, SplittableRandom random) {
    double total = 0.0;
    for (int i = 0; i < weights.length; i++) {
      total += weights[i] * (factors == null ? 1.0 : factors[i]);
    }
    if (!(total > 0.0)) {
      return -1;
    }
    double u = random.nextDouble() * total;
    int last = -1;
    for (int i = 0; i < weights.length; i++) {
      double p = weights[i] * (factors == null ? 1.0 : factors[i]);
      if (p > 0.0) {
        last = i;
        u -= p;
        if (u < 0.0) {
          return i;
        }
      }
    }
    return last; // rounding left u just above 0
  }

  /** Weighted Lloyd iterations in place until no point changes centre; an empty centre stays. */
  private static void lloyd(double[][] points, double[] weights, double[][] centres) {
    int n = points.length;
    int d = centres[0].length;
    int[] assignment = new int[n];
    Arrays.fill(assignment, -1);
    double[][] sums = new double[centres.length][d];
    double[] mass = new double[centres.length];
    for (int iteration = 0; iteration < LLOYD_ITERATIONS; iteration++) {
      boolean moved = false;
      for (int i = 0; i < n; i++) {
        int j = nearestCentre(points[i], centres);
        moved |= j != assignment[i];
        assignment[i] = j;
      }
      if (!moved) {
        return;
      }
      for (int j = 0; j < centres.length; j++) {
        Arrays.fill(sums[j], 0.0);
        mass[j] = 0.0;
      }
      for (int i = 0; i < n; i++) {
        int j = assignment[i];
        mass[j] += weights[i];
        for (int f = 0; f < d; f++) {
          sums[j][f] += weights[i] * points[i][f];
        }
      }
      for (int j = 0; j < centres.length; j++) {
        if (mass[j] > 0.0) {
          for (int f = 0; f < d; f++) {
            centres[j][f] = sums[j][f] / mass[j];
          }
        }
      }
    }
  }

  /** The index of the centre nearest to {@code x}, the first of equals. */
  static int nearestCentre(double[] x, double[][] centres) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int j = 0; j < centres.length; j++) {
      double distance = squaredDistance(x, centres[j]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = j;
      }
    }
    return best;
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0.0;
    for (int f = 0; f < a.length; f++) {
      double diff = a[f] - b[f];
      s += diff * diff;
    }
    return s;
  }
}
