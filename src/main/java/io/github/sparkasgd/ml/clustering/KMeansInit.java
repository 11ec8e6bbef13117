package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.KMeansObjective;
import io.github.sparkasgd.objective.Objective;
import io.github.sparkasgd.optim.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 *   for the cost sum first). Each candidate is weighed by the rows nearest to it, counted on a uniform
 *   sample that the last round's pass draws besides (see {@link #weighingRows}; MLlib counts on every
 *   row, in a pass of its own that cost more than both rounds together, since it measures every row
 *   against the most candidates), and {@link WeightedKMeansPlusPlus} reduces the candidates to
 *   {@code k} centres.</li>
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
      return toCentres(distinct(sample(blocks, k, d, new double[0], 0.0, Seeds.mix(seed, 0, 0)).weighted.rows()), d);
    }
    List<double[]> candidates = new ArrayList<>(Arrays.asList(firstCentre(data, d, Seeds.mix(seed, 1, 0))));
    int perRound = 2 * k;
    int rounds = params.getInitSteps();
    // Every round's pass also draws the rows that weigh the candidates (a round may be the last: see the
    // break); the last one's are kept. Without rounds, the driver's sample weighs the one candidate.
    double rate = (double) weighingRows(1 + rounds * perRound, d) / data.numRows();
    UniformSample weighing = null;
    for (int round = 1; round <= rounds; round++) {
      Round drawn = sample(blocks, perRound, d, flatten(candidates, d), rate,
          Seeds.mix(seed, 1, round));
      weighing = drawn.uniform;
      double[][] rows = drawn.weighted.rows();
      candidates.addAll(Arrays.asList(rows));
      if (rows.length == 0) {
        break; // every row is a candidate already
      }
    }
    double[][] distinct = distinct(candidates.toArray(new double[0][]));
    double[] weights = weighing != null ? weighing.nearestWeights(distinct) : sampleWeights(data, distinct, d);
    double[][] centres = WeightedKMeansPlusPlus.reduce(distinct, weights, k,
        new SplittableRandom(Seeds.mix(seed, 2, 0)));
    return toCentres(centres, d);
  }

  /** Uniform rows that weigh the candidates: per candidate, at least this many on average. */
  static final int WEIGHING_ROWS_PER_CANDIDATE = 100;
  /** The most values the weighing sample holds: 16 MB of doubles, whatever the rows' width. */
  static final long WEIGHING_VALUES = 1L << 21;

  /**
   * How many uniform rows weigh {@code candidates} candidates: {@value #WEIGHING_ROWS_PER_CANDIDATE}
   * per candidate, at most {@link #WEIGHING_VALUES} values (and at least 1,000 rows where that allows).
   * The weights only bias the reduction's draws and weigh its Lloyd iterations, so a count's 10%
   * noise (100 rows) is far below what separates clusters; a data set this small is weighed on every row.
   */
  static int weighingRows(int candidates, int d) {
    long rows = Math.max(1000L, (long) WEIGHING_ROWS_PER_CANDIDATE * candidates);
    return (int) Math.max(1, Math.min(rows, WEIGHING_VALUES / d));
  }

  /** Without a round, the driver's sample weighs the candidates (the first centre alone). */
  private static double[] sampleWeights(TrainingData data, double[][] candidates, int d) {
    SplittableRandom unused = new SplittableRandom(0); // rate 1 draws nothing
    UniformSample all = new UniformSample(1.0, d, unused);
    for (Block block : data.sample()) {
      for (int row = 0; row < block.numRows(); row++) {
        all.offer(block, row, unused);
      }
    }
    return all.nearestWeights(candidates);
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

  /** A round's draws: the {@code D^2} sample and the uniform one. */
  private record Round(WeightedSample weighted, UniformSample uniform) implements java.io.Serializable {
    Round merge(Round other) {
      return new Round(weighted.merge(other.weighted), uniform.merge(other.uniform));
    }
  }

  /**
   * {@code size} rows drawn without replacement by {@code weight * D^2} to {@code centres} (by weight
   * alone when there are none; rows at distance 0 are never drawn) and a uniform sample of the rows
   * at {@code uniformRate}, in one pass.
   */
  private static Round sample(JavaRDD<Block> blocks, int size, int d, double[] centres, double uniformRate,
      long seed) {
    int m = centres.length / d;
    return blocks.mapPartitionsWithIndex((p, it) -> {
      SplittableRandom random = new SplittableRandom(Seeds.mix(seed, p, 0));
      SplittableRandom uniformRandom = random.split();
      WeightedSample sample = new WeightedSample(size, d);
      UniformSample uniform = new UniformSample(uniformRate, d, uniformRandom);
      KMeansObjective distance = m == 0 ? null : new KMeansObjective(m, d);
      double[] w = m == 0 ? null : Arrays.copyOf(centres, m * d + m);
      Objective.Scratch scratch = m == 0 ? null : distance.newScratch();
      if (m > 0) {
        distance.fixCentres(w, scratch);
      }
      while (it.hasNext()) {
        Block block = it.next();
        for (int row = 0; row < block.numRows(); row++) {
          double v = block.weight(row);
          if (m > 0 && v > 0.0) {
            distance.nearestFixed(block, row, w, scratch);
            v *= distance.lastDistance(scratch);
          }
          sample.offer(block, row, v, random);
          uniform.offer(block, row, uniformRandom);
        }
      }
      return Collections.singletonList(new Round(sample, uniform)).iterator();
    }, false).reduce(Round::merge);
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
