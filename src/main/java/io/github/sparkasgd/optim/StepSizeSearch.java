package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.Objective;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks the initial step size when the user leaves {@code stepSize} at 0, the way Bottou's {@code sgd}
 * calibrates eta0: short trial runs from the initial weights on a uniform sample of the rows, one per
 * candidate on a geometric grid, keeping the candidate whose run ends at the lowest sample objective.
 * The grid starts at {@code 1 / mean ||x||^2} (the inverse of a row's curvature for a unit-curvature
 * loss, so the search is scale-free), walks up by factors of 2 while the result improves and down
 * when the start is already too large. Runs that diverge score as infinitely bad.
 *
 * <p>A short run rewards steps that are as large as can be stable for a few passes; a full fit runs
 * many passes with the schedule's decay on top, so the chosen step is the best candidate divided by
 * {@link #SAFETY}.
 */
final class StepSizeSearch {
  /** Passes over the sample per SGD trial. */
  static final int PASSES = 2;
  static final double SAFETY = 2.0;
  private static final int MAX_DOUBLINGS = 30;
  /**
   * Steps per mini-batch trial: few, so that trials measure how fast a step makes progress; longer
   * trials reach the noise floor, where the smallest step wins whatever its speed.
   */
  private static final int MINIBATCH_STEPS = 10;

  private final Objective objective;
  private final double[] start;
  private final WorkerRows rows;
  private final SampleObjective sampleObjective;
  private final long seed;

  /**
   * The config to run: unit steps for an objective that needs no step size ({@link
   * Objective#needsStepSize}), {@code config} itself when the user set a step size, otherwise a copy
   * with a picked step: the one a warm start's state continues, or the one this search picks on the
   * sample of {@code data} (driver-side trials, no Spark job). The step is also recorded in
   * {@code history}.
   *
   * @param miniBatchSize rows averaged per step, or 0 for per-row steps
   */
  static SolverConfig resolve(TrainingData data, SolverConfig config, double[] start, int miniBatchSize,
      TrainingHistory history) {
    if (!config.objective().needsStepSize()) {
      history.setStepSize(1.0, false);
      return config.withUnitSteps();
    }
    if (config.stepSize() > 0) {
      history.setStepSize(config.stepSize(), false);
      return config;
    }
    // Per-row steps capped at each row's own minimum: rare outlying rows then stay stable without
    // the search shrinking every row's step for them (heavy-tailed features).
    config = config.withObjective(config.objective().withCappedRowSteps());
    TrainingState continued = config.start();
    if (continued.automaticStep() && continued.stepSize() > 0) {
      history.setStepSize(continued.stepSize(), true);
      return config.withStepSize(continued.stepSize());
    }
    StepSizeSearch search = new StepSizeSearch(config.objective(), data, start, config.seed());
    double eta = miniBatchSize > 0 ? search.forMiniBatches(miniBatchSize) : search.forRowSteps();
    history.setStepSize(eta, true);
    return config.withStepSize(eta);
  }

  /** @param data the fit's data: its sample runs the trials, with the whole data's weight scale */
  StepSizeSearch(Objective objective, TrainingData data, double[] start, long seed) {
    this.objective = objective;
    this.start = start;
    this.sampleObjective = SampleObjective.of(objective, data);
    this.rows = sampleObjective.rows();
    this.seed = seed;
  }

  /**
   * The step for per-row SGD (simuparallel, async). A stepper that steps on mini-batches (an MLP's)
   * keeps the best trial step whole: its trials are 2 passes of a few dozen steps from a random start,
   * which favour small steps rather than large ones (Fashion-MNIST 784-100-10: the best trial step
   * 0.16, halved 0.08, reached 0.848 test accuracy in 3 epochs; 0.3 reached 0.866 and 0.6 diverged).
   */
  double forRowSteps() {
    boolean batched = new LocalSgd(objective, start.clone(), rows.anySparse()).batchRows() > 1;
    double best = search(this::rowTrial, baseStep());
    return batched ? best * SAFETY : best;
  }

  /**
   * The step for mini-batch steps of {@code batchSize} rows averaged. An average of b rows' gradients
   * has up to b times less noise, so the search starts b times above the per-row start and mostly walks
   * down: near a well-conditioned optimum short trials tie, and the walk then keeps the larger step.
   */
  double forMiniBatches(int batchSize) {
    return search(eta -> miniBatchTrial(eta, batchSize), baseStep() * batchSize);
  }

  /**
   * The inverse of the sample's mean {@link Objective#curvature} ({@code 1 / mean ||x||^2} for linear
   * models, the intercept's constant 1 included).
   */
  double baseStep() {
    double sum = 0;
    Objective.Scratch scratch = objective.newScratch();
    for (int i = 0; i < rows.size(); i++) {
      sum += objective.curvature(rows.block(i), rows.row(i), scratch);
    }
    double mean = sum / Math.max(1, rows.size());
    return mean > 0 ? 1.0 / mean : 1.0;
  }

  private interface Trial {
    /** The sample objective after a trial run with step {@code eta}. */
    double run(double eta);
  }

  private double search(Trial trial, double first) {
    if (rows.size() == 0) {
      return first;
    }
    double eta = first;
    double score = trial.run(eta);
    double up = trial.run(2 * eta);
    double best;
    if (up < score) { // walk up while it improves
      best = 2 * eta;
      score = up;
      for (int k = 0; k < MAX_DOUBLINGS; k++) {
        double next = trial.run(2 * best);
        if (!(next < score)) {
          break;
        }
        best *= 2;
        score = next;
      }
    } else { // walk down until it stops improving
      best = eta;
      for (int k = 0; k < MAX_DOUBLINGS; k++) {
        double next = trial.run(best / 2);
        if (!(next < score) && Double.isFinite(score)) {
          break;
        }
        best /= 2;
        score = next;
      }
    }
    return best / SAFETY;
  }

  private double rowTrial(double eta) {
    double[] w = start.clone();
    LocalSgd sgd = new LocalSgd(objective, w, rows.anySparse());
    RowOrder order = new RowOrder(0, rows.size());
    SplittableRandom random = new SplittableRandom(seed);
    for (int pass = 0; pass < PASSES; pass++) {
      sgd.pass(rows, order.shuffle(random), 0, rows.size(), pass, StepSchedule.CONSTANT, eta);
      sgd.flush();
      if (!FiniteCheck.allFinite(w)) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return score(w);
  }

  private double miniBatchTrial(double eta, int batchSize) {
    double[] w = start.clone();
    double[] grad = new double[w.length];
    Objective.Scratch scratch = objective.newScratch();
    SplittableRandom random = new SplittableRandom(seed);
    for (int s = 0; s < MINIBATCH_STEPS; s++) {
      Arrays.fill(grad, 0);
      for (int i = 0; i < batchSize; i++) {
        int g = random.nextInt(rows.size());
        Block b = rows.block(g);
        int r = rows.row(g);
        objective.addGradient(b, r, b.weight(r), w, grad, scratch);
      }
      objective.descend(w, grad, eta * rows.rowScale() / batchSize, eta);
      if (!FiniteCheck.allFinite(w)) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return score(w);
  }

  private double score(double[] w) {
    return sampleObjective.value(w);
  }
}
