package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.Objective;
import java.util.SplittableRandom;

/**
 * SimuParallelSGD (Zinkevich et al. 2010; seed 000, Alg. 3): every partition visits its rows in random order and
 * runs plain SGD alone, and the local models are averaged. With {@code averagingInterval = k > 0}
 * the average is taken every k epochs and becomes every partition's next start ("local SGD");
 * with 0, once at the end. The average is weighted by each partition's total row weight, which is
 * the paper's plain mean when partitions are equal.
 */
public final class SimuParallelSolver implements Solver {
  public static final String NAME = "simuparallel";
  private static final int WEIGHT = 0;

  @Override
  public TrainingResult solve(TrainingData data, SolverConfig config, double[] initialWeights,
      TrainingHistory history) {
    config = StepSizeSearch.resolve(data, config, initialWeights, 0, history);
    int interval = config.averagingInterval() == 0 ? config.maxIter() : config.averagingInterval();
    double[] w = initialWeights.clone();
    long seed = config.seed();
    // One scale for every partition (as in minibatch and async): a row's weight means the same everywhere.
    double rowScale = data.numRows() / data.weightSum();
    // A warm start's epochs count for the schedule and the seeds: N epochs continued for N more run as
    // one 2N-epoch fit that averages at epoch N.
    long offset = (long) config.start().epochs();
    int epochs = 0;
    while (epochs < config.maxIter()) {
      long firstEpoch = offset + epochs;
      int roundEpochs = Math.min(interval, config.maxIter() - epochs);
      SolverConfig run = config;
      VectorSum sum = PartitionRound.run(data, w, (p, it, start) -> localRun(run, WorkerRows.of(it, rowScale),
          start, firstEpoch, roundEpochs, Seeds.mix(seed, firstEpoch, p)));
      double totalWeight = sum.scalars[WEIGHT];
      for (int i = 0; i < w.length; i++) {
        w[i] = sum.vector[i] / totalWeight;
      }
      for (int e = 0; e < roundEpochs; e++) {
        history.record(sum.scalars[1 + e] / totalWeight);
      }
      epochs += roundEpochs;
      if (history.converged(config.tol(), TrainingHistory.SGD_PATIENCE)) {
        break;
      }
    }
    return new TrainingResult(w, history, epochs);
  }

  /**
   * SGD over one partition for {@code epochs} passes in random order. Returns its final model times its
   * weight, its weight, and per epoch its weight times its progressive objective (the mean loss of
   * each row just before the row's step, plus the penalty at the epoch's end).
   */
  static VectorSum localRun(SolverConfig config, WorkerRows rows, double[] start, long firstEpoch,
      int epochs, long seed) {
    Objective objective = config.objective();
    VectorSum result = new VectorSum(start.length, 1 + epochs);
    int n = rows.size();
    double blockWeight = 0.0;
    for (int i = 0; i < n; i++) {
      blockWeight += rows.block(i).weight(rows.row(i));
    }
    if (n == 0 || blockWeight == 0.0) {
      return result;
    }
    double[] w = start.clone();
    LocalSgd sgd = new LocalSgd(objective, w, rows.anySparse());
    RowOrder visits = new RowOrder(0, n);
    SplittableRandom random = new SplittableRandom(seed);
    for (int e = 0; e < epochs; e++) {
      double lossSum = sgd.pass(rows, visits.shuffle(random), 0, n, firstEpoch + e, config.schedule(),
          config.stepSize());
      sgd.flush();
      result.scalars[1 + e] = lossSum + blockWeight * objective.penalty(w);
    }
    for (int i = 0; i < w.length; i++) {
      result.vector[i] = blockWeight * w[i];
    }
    result.scalars[WEIGHT] = blockWeight;
    return result;
  }
}
