package io.github.sparkasgd.cli;

import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.ml.clustering.SGDKMeans;
import io.github.sparkasgd.ml.clustering.SGDKMeansModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Seed 000's k-means experiment on Spark: MLlib's KMeans at its defaults and {@link SGDKMeans} on each
 * solver (and {@code async} without exchange, the seed's "silent" run) on the same cached data in one
 * SparkSession, each traced as training cost against fit time ({@link FitCurve}: every point a complete
 * fit, initialisation and block building included, after one untimed warm-up fit of each). MLlib runs first in each repetition, since the
 * target, within {@code target-within} of its final cost, comes from its curve; ours follow in an
 * order rotated every repetition. Writes {@code curves.csv}, {@code results.md} and a plot under
 * {@code --out}/{@code name}.
 *
 * <pre>
 * data-scripts/kmeans-mixture.sh data 1000000
 * mvn -q compile exec:exec -Djob.main=io.github.sparkasgd.cli.KMeansExperiment \
 *   -Djob.args="--data data/kmeans-k10-d10-1000000-seed42 --k 10"
 * </pre>
 */
public final class KMeansExperiment {
  private KMeansExperiment() {}

  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("data", "data/kmeans-k10-d10-1000000-seed42");
    d.put("k", "10");
    d.put("solver", "async,async(exchange=asgd),async(exchange=none),simuparallel,batch,minibatch");
    d.put("max-iter", "20");          // both libraries' default
    d.put("target-within", "0.01");   // target: MLlib's final cost times (1 + this)
    d.put("mllib-iters", "");         // MLlib's curve at these maxIter values only (e.g. 1,2,3); empty: all
    d.put("repetitions", "1");
    d.put("partitions", "2");
    d.put("seed", "1");
    d.put("master", "local[2]");
    d.put("name", "kmeans");
    d.put("out", "target/bench");
    return d;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Options o = new Options(defaults(), args);
    Sessions.run("spark-asgd KMeansExperiment", o.get("master"), spark -> run(spark, o));
  }

  static void run(SparkSession spark, Options o) throws Exception {
    Dataset<Row> data = spark.read().parquet(o.get("data")).select("features")
        .repartition(o.getInt("partitions")).cache();
    long rows = data.count();
    int k = o.getInt("k");
    int maxIter = o.getInt("max-iter");
    long seed = o.getLong("seed");
    String header = String.format(Locale.ROOT, "k-means experiment: %s, %d rows, k=%d, maxIter %d, %s, "
        + "heap %d MB, load average at the start %s%n%n", o.get("data"), rows, k, maxIter, o.get("master"),
        Runtime.getRuntime().maxMemory() >> 20, loadAverage());
    System.out.print(header);

    String mllibName = "MLlib KMeans";
    Map<String, Supplier<Estimator<?>>> ours = new LinkedHashMap<>();
    for (SolverRuns run : SolverRuns.parse(o.get("solver"))) {
      ours.put("spark-asgd " + run.label(), () -> {
        SGDKMeans estimator = new SGDKMeans().setK(k).setSeed(seed).setMaxIter(maxIter);
        run.applyTo(estimator);
        return estimator;
      });
    }
    List<String> names = new ArrayList<>();
    names.add(mllibName);
    names.addAll(ours.keySet());
    // One untimed fit of each first, so that no curve's first point carries the JIT's warm-up.
    new KMeans().setK(k).setSeed(seed).setMaxIter(1).fit(data);
    for (Supplier<Estimator<?>> estimator : ours.values()) {
      Estimator<?> e = estimator.get();
      e.set(e.getParam("maxIter"), 1);
      e.fit(data);
    }
    List<FitCurve.Point> points = new ArrayList<>();
    Map<String, Double> examplesPerSecond = new LinkedHashMap<>();
    double target = Double.NaN;
    for (int rep = 0; rep < o.getInt("repetitions"); rep++) {
      List<FitCurve.Point> mllib = FitCurve.trace(mllibName, rep,
          new KMeans().setK(k).setSeed(seed).setMaxIter(maxIter), data, KMeansExperiment::cost, Metric.COST,
          Double.NaN, schedule(o.get("mllib-iters")), KMeansExperiment::print);
      points.addAll(mllib);
      if (rep == 0) {
        target = mllib.get(mllib.size() - 1).value() * (1 + o.getDouble("target-within"));
        System.out.printf(Locale.ROOT, "  target: cost %.6g%n", target);
      }
      List<String> order = new ArrayList<>(ours.keySet());
      for (int i = 0; i < order.size(); i++) {
        String name = order.get((i + rep) % order.size());
        points.addAll(FitCurve.trace(name, rep, ours.get(name).get(), data, model -> {
          ExchangeStats stats = ((SGDKMeansModel) model).summary().exchangeStats();
          if (stats != null && stats.examples() > 0) { // async's; minibatch reports only its bytes
            examplesPerSecond.put(name, stats.examplesPerSecond()); // the last fit's: the configured one
          }
          return cost(model);
        }, Metric.COST, target, KMeansExperiment::print));
      }
    }
    Path dir = Path.of(o.get("out"), o.get("name"));
    Files.createDirectories(dir);
    BenchmarkReport report = new BenchmarkReport(names, points, Metric.COST, target, mllibName);
    Files.writeString(dir.resolve("curves.csv"), report.csv());
    String table = header + String.format(Locale.ROOT, "Target: training cost %.6g, %.1f%% above MLlib's "
        + "final cost (first repetition).%n%n", target, 100 * o.getDouble("target-within")) + report.markdown()
        + throughput(examplesPerSecond) + "\nLoad average at the end: " + loadAverage() + "\n";
    Files.writeString(dir.resolve("results.md"), table);
    Benchmark.plot(report, o.get("name"), Metric.COST, dir.resolve(o.get("name") + ".png"));
    System.out.println(table);
    System.out.println("wrote " + dir.toAbsolutePath() + "/{curves.csv,results.md," + o.get("name") + ".png}");
  }

  private static int[] schedule(String list) {
    return list.isBlank() ? null : java.util.Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** The async fits' training speed: rows stepped per second over all workers, in the configured fit. */
  private static String throughput(Map<String, Double> examplesPerSecond) {
    if (examplesPerSecond.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\n| async fit | examples per second (all workers, last repetition) |\n|---|---|\n");
    examplesPerSecond.forEach((name, rate) -> sb.append(String.format(Locale.ROOT, "| %s | %.3g |%n", name, rate)));
    return sb.toString();
  }

  /** The fitted model's training cost: the weighted sum of squared distances to the nearest centres. */
  private static double cost(Model<?> model) {
    if (model instanceof KMeansModel m) {
      return m.summary().trainingCost();
    }
    return ((SGDKMeansModel) model).summary().trainingCost();
  }

  private static void print(FitCurve.Point p) {
    System.out.printf(Locale.ROOT, "  %s rep %d maxIter=%d: %.2f s, cost %.6g, load average %s%n", p.estimator(),
        p.repetition(), p.maxIter(), p.seconds(), p.value(), loadAverage());
  }

  /** The machine's load averages over 1, 5 and 15 minutes: benchmarks here share it with other jobs. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
