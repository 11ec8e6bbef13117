package io.github.sparkasgd.cli;

import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.ml.SGDTrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Predictor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Async throughput against the number of workers: the same fit with {@code numWorkers} = each of
 * {@code --workers}, in an order rotated every repetition, scored in examples per second (every
 * worker's SGD steps over the longest worker's stepping time, from the fit's exchange statistics).
 * Writes {@code scaling.md} under {@code --out}/{@code name}.
 */
public final class Scaling {
  private Scaling() {}

  static Map<String, String> defaults() {
    Map<String, String> d = Benchmark.runnerDefaults("scaling");
    d.put("workers", "1,2");
    d.put("repetitions", "3");
    return d;
  }

  public static void main(String[] args) throws Exception {
    Options o = new Options(Benchmark.withConfig(defaults(), args), args);
    Sessions.run("spark-asgd Scaling", o.get("master"), spark -> run(spark, o));
  }

  static void run(SparkSession spark, Options o) throws Exception {
    Dataset<Row> train = Train.load(spark, o)[0].cache();
    System.out.printf(Locale.ROOT, "scaling %s: %d training rows%n", o.get("name"), train.count());
    boolean classification = Train.isClassification(o);
    int[] workers = Arrays.stream(o.get("workers").split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    SolverRuns run = SolverRuns.parse(o.get("solver")).get(0);
    Map<Integer, List<double[]>> results = new LinkedHashMap<>();
    for (int w : workers) {
      results.put(w, new ArrayList<>());
    }
    for (int rep = 0; rep < o.getInt("repetitions"); rep++) {
      for (int i = 0; i < workers.length; i++) {
        int w = workers[(i + rep) % workers.length]; // rotate: no worker count always runs first
        Predictor<?, ?, ?> estimator = Train.estimator(classification, o, run, null);
        estimator.set(estimator.getParam("numWorkers"), w);
        long start = System.nanoTime();
        Model<?> model = estimator.fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        ExchangeStats stats = exchangeStats(model);
        results.get(w).add(new double[] {stats.examplesPerSecond(), seconds});
        System.out.printf(Locale.ROOT, "  rep %d, %d worker(s): %.0f examples/s, fit %.2f s (%s)%n", rep, w,
            stats.examplesPerSecond(), seconds, stats);
      }
    }
    String table = table(o, workers, results);
    Path dir = Path.of(o.get("out"), o.get("name"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("scaling.md"), table);
    System.out.println(table);
    System.out.println("wrote " + dir.toAbsolutePath() + "/scaling.md");
  }

  private static ExchangeStats exchangeStats(Model<?> model) {
    SGDTrainingSummary summary = Train.summaryOf(model);
    if (!"async".equals(summary.solver())) {
      throw new IllegalArgumentException("Scaling measures the async solver; got " + summary.solver());
    }
    return summary.exchangeStats();
  }

  private static String table(Options o, int[] workers, Map<Integer, List<double[]>> results) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "| workers | examples/s (median of %d) | fit time (median) | throughput vs %d worker(s) |%n|---|---|---|---|%n",
        o.getInt("repetitions"), workers[0]));
    double base = median(results.get(workers[0]), 0);
    for (int w : workers) {
      double rate = median(results.get(w), 0);
      sb.append(String.format(Locale.ROOT, "| %d | %.0f | %.2f s | %.2fx |%n", w, rate, median(results.get(w), 1),
          rate / base));
    }
    return sb.toString();
  }

  private static double median(List<double[]> runs, int column) {
    return BenchmarkReport.median(runs.stream().mapToDouble(r -> r[column]).sorted().toArray());
  }
}
