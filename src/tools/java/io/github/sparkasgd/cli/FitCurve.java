package io.github.sparkasgd.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A held-out metric against fit time: the estimator is refitted with {@code maxIter} 1, 2, 3, 4, 6,
 * 8, 11, ... up to its configured value, each point an independent, complete, timed fit (block
 * building included). Once a target is reached the schedule jumps to the configured value, so the
 * curve always ends with the metric the configured fit achieves.
 */
final class FitCurve {
  private FitCurve() {}

  /**
   * One fit: how long it took, what it scored, the memory it held (see {@link ResourceWatch}) and, for
   * {@code async}, its exchange's bytes (empty otherwise).
   */
  record Point(String estimator, int repetition, int maxIter, double seconds, double value,
      ResourceWatch.Usage memory, String exchange) {}

  private static String exchangeOf(Model<?> model) {
    io.github.sparkasgd.ml.SGDTrainingSummary summary = Train.summaryOf(model);
    if (summary == null || summary.exchangeStats() == null) {
      return "";
    }
    io.github.sparkasgd.exchange.ExchangeStats s = summary.exchangeStats();
    return String.format(java.util.Locale.ROOT, ", %d pushes, %d bytes from workers, %d to workers, %.0f per push "
        + "and reply, compression %.2fx, round trip %.4f s (mean), %.0f examples/s, %d bytes between workers, "
        + "%d block-manager master calls, spread mean %.4g final %.4g", s.pushes(), s.bytesFromWorkers(),
        s.bytesToWorkers(), s.driverBytesPerExchange(), s.compressionRatio(), s.meanRoundTripSeconds(),
        s.examplesPerSecond(), s.bytesBetweenWorkers(), s.blockManagerMasterCalls(), s.meanSpread(), s.finalSpread())
        + (s.rounds() == 0 ? "" : String.format(java.util.Locale.ROOT, ", %d rounds (%d without every worker), "
            + "%d pushes dropped", s.rounds(), s.roundsWithoutAll(), s.droppedPushes()));
  }

  /** @param target after the first fit reaching it, only the configured fit follows; NaN traces the whole schedule */
  static List<Point> trace(String name, int repetition, Predictor<?, ?, ?> estimator, Dataset<Row> train,
      Dataset<Row> test, Metric metric, double target, Consumer<Point> onPoint) {
    return trace(name, repetition, estimator, train, model -> metric.evaluate(model.transform(test)), metric,
        target, onPoint);
  }

  /**
   * The same for any estimator with a {@code maxIter} param, scored by {@code score} on each fitted model
   * (k-means: its training cost); {@code metric} says which direction is better.
   */
  static List<Point> trace(String name, int repetition, Estimator<?> estimator, Dataset<Row> train,
      ToDoubleFunction<Model<?>> score, Metric metric, double target, Consumer<Point> onPoint) {
    return trace(name, repetition, estimator, train, score, metric, target, null, onPoint);
  }

  /**
   * The same at the {@code maxIter} values of {@code schedule} only (ascending; the configured value is
   * appended where it is not the last), or the default schedule where it is null: fewer fits, for data
   * where each costs minutes.
   */
  static List<Point> trace(String name, int repetition, Estimator<?> estimator, Dataset<Row> train,
      ToDoubleFunction<Model<?>> score, Metric metric, double target, int[] schedule, Consumer<Point> onPoint) {
    @SuppressWarnings("unchecked")
    Param<Object> maxIter = (Param<Object>) estimator.getParam("maxIter");
    int cap = (Integer) estimator.getOrDefault(maxIter);
    List<Point> points = new ArrayList<>();
    int next = 0;
    for (int iters = schedule == null ? 1 : schedule[next++]; ;
        iters = schedule == null ? Math.max(iters + 1, (int) Math.round(iters * 1.4))
            : next < schedule.length ? schedule[next++] : cap) {
      int k = Math.min(iters, cap);
      estimator.set(maxIter, k);
      System.gc(); // the heap maxima are about this fit, not the garbage of the ones before
      Model<?> model;
      double seconds;
      ResourceWatch.Usage memory;
      try (ResourceWatch watch = ResourceWatch.start(train.sparkSession().sparkContext())) {
        long start = System.nanoTime();
        model = estimator.fit(train);
        seconds = (System.nanoTime() - start) / 1e9;
        memory = watch.usage();
      }
      Point p = new Point(name, repetition, k, seconds, score.applyAsDouble(model), memory, exchangeOf(model));
      points.add(p);
      onPoint.accept(p);
      if (k == cap) {
        return points;
      }
      if (!Double.isNaN(target) && metric.reached(p.value(), target)) {
        iters = cap - 1; // the next fit is the configured one
        next = schedule == null ? 0 : schedule.length;
      }
    }
  }
}
