package io.github.sparkasgd.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Summaries of benchmark curves: CSV rows, the markdown table, plot series. */
final class BenchmarkReport {
  private final List<String> names;
  private final List<FitCurve.Point> points;
  private final Metric metric;
  private final double target;
  private final String reference;

  BenchmarkReport(List<String> names, List<FitCurve.Point> points, Metric metric, double target, String reference) {
    this.names = names;
    this.points = points;
    this.metric = metric;
    this.target = target;
    this.reference = reference;
  }

  String csv() {
    StringBuilder sb = new StringBuilder("estimator,repetition,max_iter,fit_seconds," + metric.label()
        + ",cached_bytes,cached_disk_bytes,heap_after_gc_bytes\n");
    for (FitCurve.Point p : points) {
      sb.append(String.format(Locale.ROOT, "\"%s\",%d,%d,%.4f,%.6f,%d,%d,%d%n", p.estimator(), p.repetition(),
          p.maxIter(), p.seconds(), p.value(), p.memory().cachedBytes(), p.memory().cachedDiskBytes(),
          p.memory().heapAfterGcBytes()));
    }
    return sb.toString();
  }

  /** Median over repetitions of the first fit time reaching the target; NaN when some never did. */
  double medianTimeToTarget(String name) {
    if (Double.isNaN(target)) {
      return Double.NaN;
    }
    Map<Integer, Double> firstPerRep = new LinkedHashMap<>();
    List<Integer> reps = new ArrayList<>();
    for (FitCurve.Point p : points) {
      if (p.estimator().equals(name)) {
        if (!reps.contains(p.repetition())) {
          reps.add(p.repetition());
        }
        if (metric.reached(p.value(), target) && !firstPerRep.containsKey(p.repetition())) {
          firstPerRep.put(p.repetition(), p.seconds());
        }
      }
    }
    if (firstPerRep.size() < reps.size() || reps.isEmpty()) {
      return Double.NaN;
    }
    return median(firstPerRep.values().stream().mapToDouble(Double::doubleValue).sorted().toArray());
  }

  /** Median over repetitions of the metric of each repetition's last (configured) fit. */
  double medianFinalValue(String name) {
    Map<Integer, Double> lastPerRep = new LinkedHashMap<>();
    for (FitCurve.Point p : points) {
      if (p.estimator().equals(name)) {
        lastPerRep.put(p.repetition(), p.value());
      }
    }
    return median(lastPerRep.values().stream().mapToDouble(Double::doubleValue).sorted().toArray());
  }

  /** Median over repetitions of a memory figure of each repetition's last (configured) fit, in MB. */
  double medianFinalMegabytes(String name, java.util.function.ToLongFunction<ResourceWatch.Usage> figure) {
    Map<Integer, Double> lastPerRep = new LinkedHashMap<>();
    for (FitCurve.Point p : points) {
      if (p.estimator().equals(name)) {
        lastPerRep.put(p.repetition(), figure.applyAsLong(p.memory()) / (double) (1 << 20));
      }
    }
    return median(lastPerRep.values().stream().mapToDouble(Double::doubleValue).sorted().toArray());
  }

  /** The median of sorted values; NaN when there are none. */
  static double median(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int h = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
  }

  double bestValue(String name) {
    double best = Double.NaN;
    for (FitCurve.Point p : points) {
      if (p.estimator().equals(name)) {
        best = Double.isNaN(best) ? p.value() : metric.best(best, p.value());
      }
    }
    return best;
  }

  String markdown() {
    double refTime = reference == null ? Double.NaN : medianTimeToTarget(reference);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "| estimator | time to %s %s (median) | final %s (median) | best %s | %s time / ours "
            + "| cached MB (of which disk) | heap after GC, max MB |%n",
        metric.label(), Double.isNaN(target) ? "(no target)" : fmt(target), metric.label(), metric.label(),
        reference == null ? "reference" : reference));
    sb.append("|---|---|---|---|---|---|---|\n");
    for (String name : names) {
      double t = medianTimeToTarget(name);
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f (%.0f) | %.0f |%n", name,
          Double.isNaN(t) ? "not reached" : String.format(Locale.ROOT, "%.2f s", t), fmt(medianFinalValue(name)),
          fmt(bestValue(name)),
          Double.isNaN(t) || Double.isNaN(refTime) ? "" : String.format(Locale.ROOT, "%.1fx", refTime / t),
          medianFinalMegabytes(name, ResourceWatch.Usage::cachedBytes),
          medianFinalMegabytes(name, ResourceWatch.Usage::cachedDiskBytes),
          medianFinalMegabytes(name, ResourceWatch.Usage::heapAfterGcBytes)));
    }
    return sb.toString();
  }

  /** Per estimator, its first repetition's curve as {seconds, values}. */
  Map<String, double[][]> seriesOfFirstRepetition() {
    Map<String, double[][]> series = new LinkedHashMap<>();
    for (String name : names) {
      double[] x = points.stream().filter(p -> p.estimator().equals(name) && p.repetition() == 0)
          .mapToDouble(FitCurve.Point::seconds).toArray();
      double[] y = points.stream().filter(p -> p.estimator().equals(name) && p.repetition() == 0)
          .mapToDouble(FitCurve.Point::value).toArray();
      if (x.length > 0) {
        series.put(name, new double[][] {x, y});
      }
    }
    return series;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
