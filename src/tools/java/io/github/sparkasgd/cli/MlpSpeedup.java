package io.github.sparkasgd.cli;

import io.github.sparkasgd.ml.SGDTrainingSummary;
import io.github.sparkasgd.ml.classification.SGDMultilayerPerceptronClassifier;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Seed 004's speedup tables (Lian et al. 2015) for the Fashion-MNIST MLP: {@code async} fits at
 * defaults with each {@code setups} entry ({@code WORKERSxTHREADS}), in an order rotated every
 * repetition so that outside load hits every setup alike, {@code tol} 0 and {@code max-iter} epochs.
 * From each fit's per-epoch training objective it takes the iterations (SGD steps of all threads,
 * {@code blockSize} rows each) and the seconds since the fit started at which the objective first
 * reaches {@code target-loss}, linearly interpolated between epochs. Against the one-worker,
 * one-thread setup, k-way parallelism has iteration speedup {@code k * I_1 / I_k} and time speedup
 * {@code T_1 / T_k} (medians over repetitions), the latter also on the seconds after the first epoch,
 * which leave out the fixed costs every setup pays alike. Writes {@code speedup.md} under
 * {@code out}/{@code name}.
 */
public final class MlpSpeedup {
  private MlpSpeedup() {}

  /**
   * One fit's crossing of the target: fractional epochs, seconds since the fit started, and seconds
   * since its first epoch ended (the fixed costs before it, block building and the step search, left out).
   */
  record Crossing(double epochs, double seconds, double sinceFirstEpoch) {}

  /** A {@code WORKERSxTHREADS} setup. */
  record Setup(int workers, int threads) {
    static Setup parse(String s) {
      String[] parts = s.trim().split("x");
      if (parts.length != 2) {
        throw new IllegalArgumentException("Expected WORKERSxTHREADS (e.g. 2x1) but got '" + s + "'");
      }
      return new Setup(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    int parallelism() {
      return workers * threads;
    }

    @Override
    public String toString() {
      return workers + "x" + threads;
    }
  }

  static Map<String, String> defaults() {
    Map<String, String> d = MlpBenchmark.dataDefaults("mlp-speedup");
    d.put("net", "784-100-10");
    d.put("setups", "1x1,1x2,2x1");
    d.put("repetitions", "3");
    d.put("max-iter", "8");
    d.put("target-loss", "NaN"); // NaN: the highest of the fits' lowest objectives, reached by every fit
    return d;
  }

  public static void main(String[] args) throws Exception {
    Options o = new Options(Benchmark.withConfig(defaults(), args), args);
    Sessions.run("spark-asgd MlpSpeedup", o.get("master"), spark -> run(spark, o));
  }

  static void run(SparkSession spark, Options o) throws IOException {
    Dataset<Row> train = MlpBenchmark.trainingSet(spark, o);
    long rows = train.count();
    System.out.printf(Locale.ROOT, "%d training rows, %s%n", rows, o);
    List<Setup> setups = new ArrayList<>();
    for (String s : o.get("setups").split(",")) {
      setups.add(Setup.parse(s));
    }
    Map<Setup, List<SGDTrainingSummary>> fits = new LinkedHashMap<>();
    setups.forEach(s -> fits.put(s, new ArrayList<>()));
    List<Double> loads = new ArrayList<>();
    // Unmeasured: the first fit in the JVM pays for compiling the hot loops and the first reads of the cache.
    fit(train, o, setups.get(0), 1);
    for (int rep = 0; rep < o.getInt("repetitions"); rep++) {
      for (int i = 0; i < setups.size(); i++) {
        Setup s = setups.get((i + rep) % setups.size()); // rotated: no setup always runs first
        SGDTrainingSummary summary = fit(train, o, s, o.getInt("max-iter"));
        fits.get(s).add(summary);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        loads.add(load);
        double[] obj = summary.objectiveHistory();
        double[] sec = summary.timeHistory();
        System.out.printf(Locale.ROOT, "  rep %d, %s: objective by epoch %s at %s s, load %.2f%n", rep, s,
            Arrays.toString(obj), Arrays.toString(sec), load);
      }
    }
    double target = o.getDouble("target-loss");
    if (Double.isNaN(target)) {
      target = reachableByAll(fits);
    }
    double stepsPerEpoch = Math.ceil((double) rows / new SGDMultilayerPerceptronClassifier().getBlockSize());
    String report = String.format(Locale.ROOT, "Fashion-MNIST MLP %s, async at defaults (tol 0, %d epochs), %s, "
        + "%d repetitions in rotated order; target training objective %.4f; load average (1 min) after the "
        + "fits %.1f-%.1f%n%n", o.get("net"), o.getInt("max-iter"), o.get("master"), o.getInt("repetitions"),
        target, loads.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
        loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN))
        + table(setups, fits, target, stepsPerEpoch);
    Path dir = Path.of(o.get("out"), o.get("name"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("speedup.md"), report);
    System.out.println(report);
    System.out.println("wrote " + dir.toAbsolutePath() + "/speedup.md");
  }

  private static SGDTrainingSummary fit(Dataset<Row> train, Options o, Setup s, int epochs) {
    return new SGDMultilayerPerceptronClassifier().setLayers(MlpBenchmark.layers(o.get("net"))).setSolver("async")
        .setNumWorkers(s.workers()).setThreadsPerWorker(s.threads()).setMaxIter(epochs).setTol(0).fit(train)
        .summary();
  }

  /**
   * The first point where the objective reaches {@code target}, interpolated linearly between the
   * epochs around it (epoch {@code i + 1} ends at {@code seconds[i]}); null when it never does. A
   * target met by the first epoch already counts as that epoch: nothing before it is recorded.
   */
  static Crossing crossing(double[] objective, double[] seconds, double target) {
    for (int i = 0; i < objective.length; i++) {
      if (objective[i] <= target) {
        if (i == 0) {
          return new Crossing(1, seconds[0], 0);
        }
        double f = (objective[i - 1] - target) / (objective[i - 1] - objective[i]);
        double t = seconds[i - 1] + f * (seconds[i] - seconds[i - 1]);
        return new Crossing(i + f, t, t - seconds[0]);
      }
    }
    return null;
  }

  /** The highest of the fits' lowest objectives: the lowest target every fit reaches. */
  static double reachableByAll(Map<Setup, List<SGDTrainingSummary>> fits) {
    double target = Double.NEGATIVE_INFINITY;
    for (List<SGDTrainingSummary> runs : fits.values()) {
      for (SGDTrainingSummary s : runs) {
        double lowest = Double.POSITIVE_INFINITY;
        for (double v : s.objectiveHistory()) {
          lowest = Math.min(lowest, v);
        }
        target = Math.max(target, lowest);
      }
    }
    return target;
  }

  private static String table(List<Setup> setups, Map<Setup, List<SGDTrainingSummary>> fits, double target,
      double stepsPerEpoch) {
    Map<Setup, double[]> medians = new LinkedHashMap<>(); // {iterations, seconds, since the first epoch}
    for (Setup s : setups) {
      List<Crossing> crossings = new ArrayList<>();
      for (SGDTrainingSummary summary : fits.get(s)) {
        Crossing c = crossing(summary.objectiveHistory(), summary.timeHistory(), target);
        if (c == null) {
          throw new IllegalStateException(s + " did not reach the target objective " + target
              + "; set target-loss higher or max-iter longer");
        }
        crossings.add(c);
      }
      medians.put(s, new double[] {
          BenchmarkReport.median(crossings.stream().mapToDouble(c -> c.epochs() * stepsPerEpoch).sorted().toArray()),
          BenchmarkReport.median(crossings.stream().mapToDouble(Crossing::seconds).sorted().toArray()),
          BenchmarkReport.median(crossings.stream().mapToDouble(Crossing::sinceFirstEpoch).sorted().toArray())});
    }
    double[] base = medians.get(new Setup(1, 1));
    if (base == null) {
      throw new IllegalArgumentException("setups must include 1x1, the baseline of both speedups");
    }
    StringBuilder sb = new StringBuilder("| table | workers x threads | iterations to target (median) | seconds to "
        + "target (median) | of which after epoch 1 | iteration speedup | time speedup | time speedup after epoch 1 |"
        + "\n|---|---|---|---|---|---|---|---|\n");
    for (Setup s : setups) {
      double[] m = medians.get(s);
      String kind = s.parallelism() == 1 ? "baseline" : s.workers() == 1 ? "AsySG-incon" : "AsySG-con";
      sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f s | %.2f s | %.2f | %.2f | %.2f |%n", kind, s,
          m[0], m[1], m[2], s.parallelism() * base[0] / m[0], base[1] / m[1], base[2] / m[2]));
    }
    return sb.toString();
  }
}
