package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.Objective;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * MapReduce BATCH (seed 000, Alg. 1): every iteration each partition sums the gradient of its
 * rows at the broadcast weights, the sums meet on the driver through {@code treeReduce}, and the
 * driver takes one proximal gradient step.
 *
 * <p>An objective that needs no step size ({@link Objective#needsStepSize}) takes its own
 * {@link Objective#batchStep} each iteration (Lloyd's step for k-means). With a step size given, every step uses it (on the schedule). With {@code stepSize = 0} the steps
 * are Barzilai-Borwein's ({@code s.s / s.y} from the last move s and gradient change y), which adapt to
 * the curvature along the path and need no tuning, safeguarded by a non-monotone line search
 * (Grippo-Lampariello-Lucidi, as SpaRSA): a step is kept when its objective is sufficiently below the
 * highest of the last {@link #MEMORY} kept ones, otherwise it is retried at a quarter of the size. Each
 * trial costs one pass, which also yields the next gradient, so accepted steps cost no extra pass.
 */
public final class BatchSolver implements Solver {
  public static final String NAME = "batch";
  private static final int LOSS = 0;
  static final int MEMORY = 10;
  private static final double SUFFICIENT_DECREASE = 1e-4;
  private static final double BACKTRACK = 0.25;
  private static final double MIN_STEP = 1e-20;
  private static final double MAX_STEP = 1e20;

  @Override
  public TrainingResult solve(TrainingData data, SolverConfig config, double[] initialWeights,
      TrainingHistory history) {
    Objective objective = config.objective();
    if (!objective.needsStepSize()) {
      history.setStepSize(1.0, false);
      return steps(data, config, initialWeights, history, (w, gradient, iteration) ->
          objective.batchStep(w, gradient));
    }
    if (config.stepSize() > 0) {
      history.setStepSize(config.stepSize(), false);
      return steps(data, config, initialWeights, history, (w, gradient, iteration) -> {
        double eta = config.stepAt(iteration);
        objective.descend(w, gradient, eta, eta);
      });
    }
    return barzilaiBorwein(data, config, initialWeights, history);
  }

  /** One iteration's move from the mean gradient at {@code w}, in place. */
  private interface Step {
    void apply(double[] w, double[] meanGradient, int iteration);
  }

  /** Up to {@code maxIter} iterations of {@code step}, each recording the objective it started from. */
  private static TrainingResult steps(TrainingData data, SolverConfig config, double[] initialWeights,
      TrainingHistory history, Step step) {
    Objective objective = config.objective();
    double[] w = initialWeights.clone();
    int iterations = 0;
    while (iterations < config.maxIter()) {
      Point p = evaluate(data, objective, w);
      history.record(p.value);
      step.apply(w, p.gradient, iterations);
      iterations++;
      if (history.converged(config.tol(), TrainingHistory.BATCH_PATIENCE)) {
        break;
      }
    }
    return new TrainingResult(w, history, iterations);
  }

  private static TrainingResult barzilaiBorwein(TrainingData data, SolverConfig config, double[] initialWeights,
      TrainingHistory history) {
    Objective objective = config.objective();
    double eta = new StepSizeSearch(objective, data, initialWeights,
        config.seed()).baseStep();
    // Fresh for a warm start too: Barzilai-Borwein's steps follow the curvature along the path, not a
    // schedule, and adapt within a few iterations.
    history.setStepSize(eta, true);
    if (config.maxIter() == 0) {
      return new TrainingResult(initialWeights.clone(), history, 0);
    }
    Point current = evaluate(data, objective, initialWeights.clone());
    int iterations = 1;
    history.record(current.value);
    Deque<Double> kept = new ArrayDeque<>();
    kept.add(current.value);
    while (iterations < config.maxIter()) {
      double[] candidate = current.w.clone();
      objective.descend(candidate, current.gradient, eta, eta);
      double moveSquared = 0;
      double weightSquared = 0;
      for (int i = 0; i < candidate.length; i++) {
        double s = candidate[i] - current.w[i];
        moveSquared += s * s;
        weightSquared += current.w[i] * current.w[i];
      }
      if (moveSquared <= 1e-30 * Math.max(weightSquared, 1e-300)) {
        break; // the step no longer moves the weights: at the optimum to machine precision
      }
      Point next = evaluate(data, objective, candidate);
      iterations++;
      double reference = kept.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      if (!(next.value <= reference - SUFFICIENT_DECREASE / (2 * eta) * moveSquared)) {
        eta *= BACKTRACK;
        if (eta < MIN_STEP) {
          break;
        }
        continue;
      }
      double sy = 0;
      for (int i = 0; i < candidate.length; i++) {
        sy += (candidate[i] - current.w[i]) * (next.gradient[i] - current.gradient[i]);
      }
      eta = sy > 0 ? Math.min(MAX_STEP, Math.max(MIN_STEP, moveSquared / sy)) : Math.min(MAX_STEP, 2 * eta);
      current = next;
      history.record(current.value);
      kept.add(current.value);
      if (kept.size() > MEMORY) {
        kept.removeFirst();
      }
      if (history.converged(config.tol(), TrainingHistory.BATCH_PATIENCE)) {
        break;
      }
    }
    return new TrainingResult(current.w, history, iterations);
  }

  /** Weights with their objective and the gradient of the objective's data term. */
  private record Point(double[] w, double value, double[] gradient) {}

  /** One pass: the objective at {@code w} and the data term's mean gradient. */
  private static Point evaluate(TrainingData data, Objective objective, double[] w) {
    VectorSum sum = PartitionRound.run(data, w, (p, blocks, current) -> gradient(objective, blocks, current));
    double weightSum = data.weightSum();
    double[] gradient = sum.vector;
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] /= weightSum;
    }
    double value = sum.scalars[LOSS] / weightSum + objective.penalty(w);
    return new Point(w, value, gradient);
  }

  /**
   * Weighted loss sum and gradient sum of a partition's blocks (null for none), summed block by
   * block as {@code treeReduce} would sum per-block results.
   */
  static VectorSum gradient(Objective objective, Iterator<Block> blocks, double[] w) {
    Objective.Scratch scratch = objective.newScratch();
    VectorSum total = null;
    while (blocks.hasNext()) {
      Block block = blocks.next();
      VectorSum sum = new VectorSum(w.length, 1);
      sum.scalars[LOSS] = objective.addGradient(block, 0, block.numRows(), w, sum.vector, scratch);
      total = total == null ? sum : VectorSum.merge(total, sum);
    }
    return total;
  }
}
