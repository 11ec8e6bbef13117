package io.github.sparkasgd.optim;

import java.util.SplittableRandom;

/**
 * One Hogwild! thread (seed 002): plain SGD over its share of a worker's rows, writing the worker's
 * shared weight array without locks. Races lose an occasional update, which for sparse or
 * well-conditioned problems costs less than any lock would.
 *
 * <p>The worker's threads together may not run more than the step budget set by the exchange loop:
 * without it, when steps are cheap and round trips slow, workers would drift arbitrarily far between
 * exchanges and a parameter server would add up whole independent runs.
 */
final class HogwildThread extends Thread {
  private static final int BUDGET_CHECK_EVERY = 32;

  private final SolverConfig config;
  private final WorkerRows rows;
  private final RowOrder order;
  private final LocalSgd sgd;
  private final WorkerProgress progress;
  private final SplittableRandom random;
  private final int firstEpoch;
  private final StepDelay delay;
  private volatile double epochs;
  private volatile Throwable failure;

  HogwildThread(String name, SolverConfig config, WorkerRows rows, RowOrder order, double[] sharedWeights,
      WorkerProgress progress, long seed, int firstEpoch, StepDelay delay) {
    super(name);
    setDaemon(true);
    this.config = config;
    this.rows = rows;
    this.order = order;
    this.sgd = new LocalSgd(config.objective(), sharedWeights, rows.anySparse());
    this.progress = progress;
    this.random = new SplittableRandom(seed);
    this.firstEpoch = firstEpoch;
    this.epochs = firstEpoch;
    this.delay = delay;
  }

  @Override
  public void run() {
    try {
      int n = order.size();
      // A slice holds whole mini-batches where the objective steps on them (an MLP's).
      int slice = Math.max(BUDGET_CHECK_EVERY, sgd.batchRows());
      for (int e = firstEpoch; e < config.maxIter() && !progress.stopped() && n > 0; e++) {
        int[] visit = order.shuffle(random);
        // Steps run in slices of BUDGET_CHECK_EVERY rows (or one mini-batch), and progress is published
        // to the shared counters between slices, not per row: contended adders and volatile writes would
        // cost more than a sparse row's arithmetic. A stop takes effect at the next slice.
        long localSteps = 0;
        double localLoss = 0;
        double localWeight = 0;
        for (int i = 0; i < n; i += slice) {
          publish(localSteps, localLoss, localWeight, e + (double) i / n);
          localSteps = 0;
          localLoss = 0;
          localWeight = 0;
          progress.checkpoint();
          if (progress.stopped()) {
            break;
          }
          int to = Math.min(n, i + slice);
          long sliceStart = delay == null ? 0 : System.nanoTime();
          localLoss = sgd.pass(rows, visit, i, to, config.start().epochs() + e, config.schedule(),
              config.stepSize());
          if (delay != null) {
            delay.after(sliceStart);
          }
          localWeight = sgd.lastWeight();
          localSteps = to - i;
        }
        sgd.flush(); // before publishing: the exchange loop may take the weights as final right after
        publish(localSteps, localLoss, localWeight, progress.stopped() ? epochs + (double) localSteps / n : e + 1);
      }
    } catch (Throwable t) {
      failure = t;
    } finally {
      progress.threadEnded();
    }
  }

  private void publish(long newSteps, double loss, double weight, double epochsDone) {
    epochs = epochsDone;
    progress.publish(newSteps, loss, weight);
  }

  /** Local epochs done, fractional. */
  double epochs() {
    return epochs;
  }

  /** The step size this thread would use now (for the asgd merge). */
  double currentStep() {
    return config.stepAt(epochs);
  }

  Throwable failure() {
    return failure;
  }
}
