package io.github.sparkasgd.ml;

import io.github.sparkasgd.optim.ProgressListener;
import java.util.Locale;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the Spark jobs of one fit so the Spark UI shows what runs: every job the fit starts carries
 * the job group {@code <uid>} and the description {@code "<Estimator> <solver>: epoch i of maxIter"}
 * ({@code "preparing data"} before the first epoch), and a fit running longer than
 * {@link #LOG_EVERY_SECONDS} logs its progress with an estimate of the time left. {@link #close}
 * puts back the caller's group and description.
 *
 * <p>Threading: opened, closed and relabelled on the thread that calls {@code fit}; SparkContext's
 * local properties belong to that thread. Progress reported on another thread (the async endpoint's)
 * is logged but does not relabel, as its single stage is already running.
 */
public final class FitLabel implements AutoCloseable {
  static final String GROUP = "spark.jobGroup.id";
  static final String DESCRIPTION = "spark.job.description";
  static final double LOG_EVERY_SECONDS = 10.0;
  private static final Logger LOG = LoggerFactory.getLogger(FitLabel.class);

  private final SparkContext sc;
  private final Thread owner = Thread.currentThread();
  private final String previousGroup;
  private final String previousDescription;
  private final String prefix;
  private final String unit;
  private final int maxIter;
  private double lastLog;

  private FitLabel(SparkContext sc, String stage, String uid, String solver, int maxIter) {
    this.sc = sc;
    this.previousGroup = sc.getLocalProperty(GROUP);
    this.previousDescription = sc.getLocalProperty(DESCRIPTION);
    this.prefix = stage + " " + solver + ": ";
    this.unit = solver.equals("batch") ? "iteration" : "epoch";
    this.maxIter = maxIter;
    sc.setLocalProperty(GROUP, uid);
    sc.setLocalProperty(DESCRIPTION, prefix + "preparing data");
  }

  /** Labels the jobs {@code stage} starts from here until {@link #close}. */
  public static FitLabel open(SparkContext sc, SGDParams stage) {
    return new FitLabel(sc, stage.getClass().getSimpleName(), stage.uid(), stage.getSolver(), stage.getMaxIter());
  }

  /** A listener that relabels and logs after each epoch, then tells {@code user} (may be null). */
  public ProgressListener listener(ProgressListener user) {
    return (solver, iteration, objective, seconds) -> {
      if (Thread.currentThread() == owner && iteration < maxIter) {
        sc.setLocalProperty(DESCRIPTION, prefix + unit + " " + (iteration + 1) + " of " + maxIter);
      }
      if (seconds - lastLog >= LOG_EVERY_SECONDS && LOG.isInfoEnabled()) {
        lastLog = seconds;
        LOG.info(String.format(Locale.ROOT, "%s%s %d of %d, objective %.6g, %.1f s, about %.0f s left at most",
            prefix, unit, iteration, maxIter, objective, seconds, secondsLeft(iteration, maxIter, seconds)));
      }
      if (user != null) {
        user.onProgress(solver, iteration, objective, seconds);
      }
    };
  }

  /** What the remaining epochs take at the mean pace so far; a fit that converges stops sooner. */
  static double secondsLeft(int done, int maxIter, double seconds) {
    return done <= 0 ? Double.NaN : seconds / done * Math.max(0, maxIter - done);
  }

  @Override
  public void close() {
    sc.setLocalProperty(GROUP, previousGroup);
    sc.setLocalProperty(DESCRIPTION, previousDescription);
  }
}
