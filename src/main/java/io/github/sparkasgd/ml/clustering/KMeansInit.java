package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.KMeansObjective;
import io.github.sparkasgd.objective.Objective;
import io.github.sparkasgd.optim.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;

/**
 * Initial centres, computed on the fit's cached blocks (one Spark job per pass, primitive arrays, so a
 * pass costs what an epoch of the solvers costs).
 * <ul>
 *   <li>{@code k-means||} (Bahmani et al. 2012, as MLlib's default): a first centre drawn by weight
 *   from the driver's uniform sample of the rows, then {@code initSteps} rounds that each add {@code 2k} rows drawn by {@code weight * D^2}, D the
 *   distance to the candidates so far (without replacement, in one pass: see {@link WeightedSample};
 *   Bahmani's rounds draw each row independently, with {@code 2k} rows expected, which needs a pass
 *   for the cost sum first); a last pass weighs each candidate by the rows nearest to it, and
 *   {@link WeightedKMeansPlusPlus} reduces the candidates to {@code k} centres.</li>
 *   <li>{@code random}: {@code k} rows drawn by weight, without replacement, duplicates dropped.</li>
 * </ul>
 * Fewer than {@code k} centres come back when the data has fewer distinct points. Reproducible for a
 * seed and partitioning.
 */
final class KMeansInit {
  private KMeansInit() {}

  static final String PARALLEL = "k-means||";
  static final String RANDOM = "random";

  /** The initial centres the params ask for. */
  static ClusterCentres centres(TrainingData data, KMeansParams params) {
    int k = params.getK();
    int d = data.numFeatures();
    long seed = params.getSeed();
    JavaRDD<Block> blocks = data.blocks();
    if (params.getInitMode().equals(RANDOM)) {
      return toCentres(distinct(sample(blocks, k, d, new double[0], Seeds.mix(seed, 0, 0))), d);
    }
    List<double[]> candidates = new ArrayList<>(Arrays.asList(firstCentre(data, d, Seeds.mix(seed, 1, 0))));
    int perRound = 2 * k;
    for (int round = 1; round <= params.getInitSteps(); round++) {
      double[][] drawn = sample(blocks, perRound, d, flatten(candidates, d), Seeds.mix(seed, 1, round));
      if (drawn.length == 0) {
        break; // every row is a candidate already
      }
      candidates.addAll(Arrays.asList(drawn));
    }
    double[][] distinct = distinct(candidates.toArray(new double[0][]));
    double[] weights = nearestWeights(blocks, flatten(Arrays.asList(distinct), d), distinct.length, d);
    double[][] centres = WeightedKMeansPlusPlus.reduce(distinct, weights, k,
        new SplittableRandom(Seeds.mix(seed, 2, 0)));
    return toCentres(centres, d);
  }

  /**
   * A row drawn by weight from the driver's uniform sample of the blocks ({@link TrainingData#sample}):
   * the first centre without a pass over the data.
   */
  private static double[][] firstCentre(TrainingData data, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    WeightedSample first = new WeightedSample(1, d);
    for (Block block : data.sample()) {
      for (int row = 0; row < block.numRows(); row++) {
        first.offer(block, row, block.weight(row), random);
      }
    }
    return first.rows();
  }

  /**
   * {@code size} rows drawn without replacement by {@code weight * D^2} to {@code centres} (by weight
   * alone when there are none); rows at distance 0 are never drawn.
   */
  private static double[][] sample(JavaRDD<Block> blocks, int size, int d, double[] centres, long seed) {
    int m = centres.length / d;
    return blocks.mapPartitionsWithIndex((p, it) -> {
      SplittableRandom random = new SplittableRandom(Seeds.mix(seed, p, 0));
      WeightedSample sample = new WeightedSample(size, d);
      KMeansObjective distance = m == 0 ? null : new KMeansObjective(m, d);
      double[] w = m == 0 ? null : Arrays.copyOf(centres, m * d + m);
      Objective.Scratch scratch = m == 0 ? null : distance.newScratch();
      while (it.hasNext()) {
        Block block = it.next();
        for (int row = 0; row < block.numRows(); row++) {
          double v = block.weight(row);
          if (m > 0 && v > 0.0) {
            v *= distance.loss(block, row, w, scratch);
          }
          sample.offer(block, row, v, random);
        }
      }
      return Collections.singletonList(sample).iterator();
    }, false).reduce(WeightedSample::merge).rows();
  }

  /** The weight of the rows nearest to each of the {@code m} centres. */
  private static double[] nearestWeights(JavaRDD<Block> blocks, double[] centres, int m, int d) {
    return blocks.mapPartitions((Iterator<Block> it) -> {
      KMeansObjective distance = new KMeansObjective(m, d);
      double[] w = Arrays.copyOf(centres, m * d + m);
      Objective.Scratch scratch = distance.newScratch();
      double[] weights = new double[m];
      while (it.hasNext()) {
        Block block = it.next();
        for (int row = 0; row < block.numRows(); row++) {
          weights[distance.nearestCentre(block, row, w, scratch)] += block.weight(row);
        }
      }
      return Collections.singletonList(weights).iterator();
    }).reduce((a, b) -> {
      for (int j = 0; j < a.length; j++) {
        a[j] += b[j];
      }
      return a;
    });
  }

  /** The rows in their order, each value of a repeated one after its first. */
  private static double[][] distinct(double[][] rows) {
    List<double[]> kept = new ArrayList<>();
    for (double[] row : rows) {
      boolean seen = false;
      for (double[] k : kept) {
        if (Arrays.equals(k, row)) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        kept.add(row);
      }
    }
    return kept.toArray(new double[0][]);
  }

  private static double[] flatten(List<double[]> rows, int d) {
    double[] out = new double[rows.size() * d];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, out, i * d, d);
    }
    return out;
  }

  private static ClusterCentres toCentres(double[][] rows, int d) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("k-means needs at least one row of positive weight");
    }
    return new ClusterCentres(rows.length, d, flatten(Arrays.asList(rows), d));
  }
}
