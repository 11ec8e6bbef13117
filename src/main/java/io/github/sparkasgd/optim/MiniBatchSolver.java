package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.exchange.compress.CompressionSpec;
import io.github.sparkasgd.objective.Objective;
import java.util.SplittableRandom;

/**
 * Synchronous mini-batch SGD (seed 000, Alg. 4): each iteration every partition draws its share of
 * the mini-batch from its cached block (uniformly, with replacement, from a per-iteration seed: no
 * scan, no {@code RDD.sample}), the gradient sums meet on the driver, and one proximal step is
 * broadcast. {@code maxIter} counts epochs of {@code ceil(numRows / miniBatchSize)} iterations.
 *
 * <p>An objective whose local steps merge ({@link Objective#mergesLocalSteps}: k-means) runs each
 * epoch as one Spark job instead of one job per mini-batch: every partition takes the epoch's steps on
 * its own copy of the broadcast parameters, each on its share of the mini-batch drawn as above, and the
 * driver merges the partitions' changes. For k-means these are Sculley's steps (per-centre rates
 * {@code 1/count}, assignments at the batch's start) on each partition's batches, merged exactly by the
 * counts; centres see the other partitions' rows at the epoch's end rather than every batch. One job
 * per batch spent its time on scheduling (3,900 jobs an epoch at 1M rows, 205 s).
 *
 * <p>With {@code compression}, each partition's gradient sum travels compressed ({@link GradientRounds});
 * the local-step path refuses it.
 */
public final class MiniBatchSolver implements Solver {
  public static final String NAME = "minibatch";
  private static final int LOSS = 0;
  private static final int WEIGHT = 1;
  private static final int ROWS = 2;
  /** Fewest mini-batch steps in one unit of the step schedule and of the stop rule's window. */
  static final long MIN_UNIT_STEPS = 16;

  @Override
  public TrainingResult solve(TrainingData data, SolverConfig config, double[] initialWeights,
      TrainingHistory history) {
    boolean local = config.objective().mergesLocalSteps();
    CompressionSpec compression = config.async().compression();
    if (local && compression.enabled()) {
      throw new IllegalArgumentException("compression=" + compression.method() + " applies to minibatch "
          + "gradients; this objective's minibatch merges the partitions' local steps instead");
    }
    config = StepSizeSearch.resolve(data, config, initialWeights, config.miniBatchSize(), history);
    Objective objective = config.objective();
    int[] shares = shares(data.partitionRows(), data.numRows(), config.miniBatchSize());
    long batchRows = 0;
    for (int s : shares) {
      batchRows += s;
    }
    long stepsPerEpoch = (data.numRows() + batchRows - 1) / batchRows;
    // The schedule's and the stop rule's unit: an epoch, or MIN_UNIT_STEPS steps where an epoch has
    // fewer (353 rows at b = 256 make 2). Per epoch, 2 steps' decay left the fit short of the optimum
    // (0.07 R^2 below least squares), and a 3-epoch stop window averaged 6 noisy batch losses.
    long unitSteps = Math.max(stepsPerEpoch, MIN_UNIT_STEPS);
    int patience = (int) (TrainingHistory.SGD_PATIENCE * ((unitSteps + stepsPerEpoch - 1) / stepsPerEpoch));
    // Each partition returns its own unbiased estimate of its gradient sum (see sample); their sum
    // over the total weight estimates the data term's gradient.
    double weightSum = data.weightSum();
    double[] w = initialWeights.clone();
    long seed = config.seed();
    // A warm start continues the step count (the schedule's position and the batches' seeds).
    long firstStep = Math.round(config.start().epochs() * unitSteps);
    long step = firstStep;
    int epochs = 0;
    try (GradientRounds rounds = new GradientRounds(data, compression, w.length, seed)) {
      while (epochs < config.maxIter()) {
        double epochLoss = 0.0;
        int lossTerms = 0;
        if (local) {
          long first = step;
          double eta = config.schedule().step(config.stepSize(), (double) step / unitSteps);
          VectorSum sum = rounds.run(w, first, 1.0, (p, it, current) -> localEpoch(objective,
              WorkerRows.of(it, 1.0), current, shares[p], first, stepsPerEpoch, seed, p, eta));
          objective.mergeLocalChanges(w, sum.vector);
          step += stepsPerEpoch;
          epochLoss = sum.scalars[LOSS] / Math.max(sum.scalars[WEIGHT], Double.MIN_VALUE);
          lossTerms = 1;
        }
        for (long s = 0; !local && s < stepsPerEpoch; s++, step++) {
          long iteration = step;
          double eta = config.schedule().step(config.stepSize(), (double) step / unitSteps);
          VectorSum sum = rounds.run(w, iteration, eta / weightSum, (p, it, current) ->
              sample(objective, WorkerRows.of(it, 1.0), current, shares[p], Seeds.mix(seed, iteration, p)));
          if (sum.scalars[WEIGHT] > 0) {
            epochLoss += sum.scalars[LOSS] / sum.scalars[WEIGHT];
            lossTerms++;
          }
          objective.descend(w, sum.vector, eta / weightSum, eta);
        }
        epochs++;
        history.record(epochLoss / Math.max(lossTerms, 1) + objective.penalty(w));
        if (history.converged(config.tol(), patience)) {
          break;
        }
      }
      return new TrainingResult(w, history, epochs, rounds.stats(w.length), (double) (step - firstStep) / unitSteps);
    }
  }

  /** Each partition's share of the mini-batch, proportional to its rows, at least one if it has any. */
  static int[] shares(long[] partitionRows, long totalRows, int miniBatchSize) {
    int[] shares = new int[partitionRows.length];
    for (int p = 0; p < shares.length; p++) {
      if (partitionRows[p] > 0) {
        shares[p] = (int) Math.max(1, Math.round((double) miniBatchSize * partitionRows[p] / totalRows));
      }
    }
    return shares;
  }

  private static VectorSum sample(Objective objective, WorkerRows rows, double[] w, int count, long seed) {
    VectorSum sum = new VectorSum(w.length, 3);
    if (count == 0 || rows.size() == 0) {
      return sum;
    }
    addBatch(objective, rows, w, count, new SplittableRandom(seed), objective.newScratch(), sum);
    // Scaled by the partition's own inclusion rate: every partition samples at least one row, so one
    // global scale would over-represent small partitions (10 rows next to 100,000 at b = 256: 39x).
    double scale = (double) rows.size() / count;
    for (int i = 0; i < sum.vector.length; i++) {
      sum.vector[i] *= scale;
    }
    sum.scalars[LOSS] *= scale;
    sum.scalars[WEIGHT] *= scale;
    sum.scalars[ROWS] = count;
    return sum;
  }

  /**
   * A partition's epoch of local mini-batch steps from {@code start} (the broadcast value, not
   * written): steps {@code first .. first + steps - 1}, each on {@code count} rows drawn as
   * {@link #sample} draws them, summed unscaled (the step's own weights) into one reused buffer. Returns
   * the objective's local change and the batches' progressive loss and weight.
   */
  private static VectorSum localEpoch(Objective objective, WorkerRows rows, double[] start, int count,
      long first, long steps, long seed, int partition, double eta) {
    VectorSum result = new VectorSum(start.length, 3);
    if (count == 0 || rows.size() == 0) {
      return result;
    }
    double[] w = start.clone();
    Objective.Scratch scratch = objective.newScratch();
    VectorSum batch = new VectorSum(start.length, 3);
    for (long s = first; s < first + steps; s++) {
      java.util.Arrays.fill(batch.vector, 0.0);
      addBatch(objective, rows, w, count, new SplittableRandom(Seeds.mix(seed, s, partition)), scratch, batch);
      objective.descend(w, batch.vector, 1.0, eta);
    }
    objective.addLocalChange(start, w, result.vector);
    result.scalars[LOSS] = batch.scalars[LOSS];
    result.scalars[WEIGHT] = batch.scalars[WEIGHT];
    result.scalars[ROWS] = count * steps;
    return result;
  }

  /** Adds {@code count} rows drawn uniformly with replacement: gradient into the vector, loss and weight. */
  private static void addBatch(Objective objective, WorkerRows rows, double[] w, int count, SplittableRandom random,
      Objective.Scratch scratch, VectorSum sum) {
    for (int i = 0; i < count; i++) {
      int global = random.nextInt(rows.size());
      Block block = rows.block(global);
      int row = rows.row(global);
      double weight = block.weight(row);
      sum.scalars[LOSS] += weight * objective.addGradient(block, row, weight, w, sum.vector, scratch);
      sum.scalars[WEIGHT] += weight;
    }
  }
}
