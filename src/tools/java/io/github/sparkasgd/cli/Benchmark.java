package io.github.sparkasgd.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark runner: our solvers and MLlib's peer on the same cached data in one SparkSession,
 * in an order rotated every repetition, each traced as a {@link FitCurve} (held-out metric against
 * fit time). Writes {@code curves.csv}, {@code results.md} (time to the target, best metric, ratio to
 * MLlib) and a PNG plot under {@code --out}/{@code name}. Settings come from a properties file
 * ({@code conf/benchmarks/}) that the command line may override.
 *
 * <pre>
 * spark-submit --jars spark-asgd_2.12-*-SNAPSHOT.jar --class io.github.sparkasgd.cli.Benchmark \
 *   spark-asgd_2.12-*-tools.jar --config conf/benchmarks/fashion-mnist.properties
 * </pre>
 */
public final class Benchmark {
  private Benchmark() {}

  /** Train's options plus what every benchmark main takes: a config file, a run name, an output dir. */
  static Map<String, String> runnerDefaults(String name) {
    Map<String, String> d = Train.defaults();
    d.put("config", "");
    d.put("name", name);
    d.put("out", "target/bench");
    return d;
  }

  static Map<String, String> defaults() {
    Map<String, String> d = runnerDefaults("benchmark");
    d.put("task", "classification");   // classification | regression
    d.put("metric", "accuracy");        // accuracy | log-loss | rmse
    d.put("target", "NaN");             // the metric value to time; NaN traces every run fully
    d.put("target-within-mllib", "NaN"); // e.g. 0.01: target = MLlib's converged metric, 1% worse
    d.put("repetitions", "1");
    d.put("mllib", "logistic");         // logistic | svc | linear | none
    d.put("mllib-max-iter", "100");
    d.put("mllib-standardization", "true");
    return d;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Options o = new Options(withConfig(defaults(), args), args);
    Sessions.run("spark-asgd Benchmark", o.get("master"), spark -> run(spark, o));
  }

  /** The defaults with the {@code --config} file's values laid over them. */
  static Map<String, String> withConfig(Map<String, String> defaults, String[] args) throws IOException {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--config") && !args[i + 1].isEmpty()) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[i + 1]))) {
          p.load(in);
        }
        for (String key : p.stringPropertyNames()) {
          if (!defaults.containsKey(key)) {
            throw new IllegalArgumentException("Unknown setting '" + key + "' in " + args[i + 1]);
          }
          defaults.put(key, p.getProperty(key).trim());
        }
      }
    }
    return defaults;
  }

  static void run(SparkSession spark, Options o) throws Exception {
    Dataset<Row>[] split = Train.load(spark, o);
    Dataset<Row> train = split[0].cache();
    Dataset<Row> test = split[1].cache();
    System.out.printf(Locale.ROOT, "benchmark %s: %d training rows, %d test rows%n",
        o.get("name"), train.count(), test.count());
    long inputBytes = 0;
    for (org.apache.spark.storage.RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
      inputBytes += info.memSize() + info.diskSize();
    }
    String inputLine = String.format(Locale.ROOT, "Input (training and test DataFrames) cached by Spark: %.0f MB; "
        + "JVM heap %d MB.%n%n", inputBytes / (double) (1 << 20), Runtime.getRuntime().maxMemory() >> 20);
    System.out.print(inputLine);
    boolean classification = o.get("task").equals("classification");
    Metric metric = Metric.fromName(o.get("metric"));
    double target = o.getDouble("target");

    Map<String, Supplier<Predictor<?, ?, ?>>> estimators = new LinkedHashMap<>();
    for (SolverRuns run : SolverRuns.parse(o.get("solver"))) {
      estimators.put("spark-asgd " + run.label(), () -> Train.estimator(classification, o, run, null));
    }
    String mllibName = null;
    Supplier<Predictor<?, ?, ?>> mllib = mllib(o);
    if (mllib != null) {
      mllibName = "MLlib " + mllib.get().getClass().getSimpleName();
      estimators.put(mllibName, mllib);
    }

    String preamble = inputLine;
    double within = o.getDouble("target-within-mllib");
    if (!Double.isNaN(within)) {
      if (mllib == null) {
        throw new IllegalArgumentException("target-within-mllib needs an MLlib peer (mllib=none)");
      }
      long start = System.nanoTime();
      double optimum = metric.evaluate(mllib.get().fit(train).transform(test));
      double seconds = (System.nanoTime() - start) / 1e9;
      target = metric.higherIsBetter ? optimum * (1 - within) : optimum * (1 + within);
      String targetLine = String.format(Locale.ROOT, "Target: %s %.4f, within %.1f%% of %s's %.4f after its full "
          + "maxIter=%d fit (%.2f s, untimed reference run).%n%n", metric.label(), target, within * 100,
          mllibName, optimum, o.getInt("mllib-max-iter"), seconds);
      preamble += targetLine;
      System.out.print(targetLine);
    }

    List<String> names = new ArrayList<>(estimators.keySet());
    List<FitCurve.Point> points = new ArrayList<>();
    for (int rep = 0; rep < o.getInt("repetitions"); rep++) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + rep) % names.size()); // rotate: no estimator always runs first
        points.addAll(FitCurve.trace(name, rep, estimators.get(name).get(), train, test, metric, target,
            p -> System.out.printf(Locale.ROOT, "  %s rep %d maxIter=%d: %.2f s, %s %.4f%s%n", p.estimator(),
                p.repetition(), p.maxIter(), p.seconds(), metric.label(), p.value(), p.exchange())));
      }
    }
    Path dir = Path.of(o.get("out"), o.get("name"));
    Files.createDirectories(dir);
    BenchmarkReport report = new BenchmarkReport(names, points, metric, target, mllibName);
    Files.writeString(dir.resolve("curves.csv"), report.csv());
    String table = preamble + report.markdown();
    Files.writeString(dir.resolve("results.md"), table);
    plot(report, o.get("name"), metric, dir.resolve(o.get("name") + ".png"));
    System.out.println(table);
    System.out.println("wrote " + dir.toAbsolutePath() + "/{curves.csv,results.md," + o.get("name") + ".png}");
  }

  private static Supplier<Predictor<?, ?, ?>> mllib(Options o) {
    int cap = o.getInt("mllib-max-iter");
    double reg = o.getDouble("reg-param");
    double alpha = o.getDouble("elastic-net");
    // false: MLlib penalizes the coefficients as given, the objective our solvers minimize
    boolean standardize = o.getBoolean("mllib-standardization");
    return switch (o.get("mllib")) {
      case "logistic" -> () -> new LogisticRegression().setMaxIter(cap).setRegParam(reg).setElasticNetParam(alpha)
          .setStandardization(standardize);
      case "svc" -> () -> new LinearSVC().setMaxIter(cap).setRegParam(reg).setStandardization(standardize);
      case "linear" -> () -> new LinearRegression().setMaxIter(cap).setRegParam(reg).setElasticNetParam(alpha)
          .setStandardization(standardize);
      case "none" -> null;
      default -> throw new IllegalArgumentException("Unknown MLlib peer " + o.get("mllib"));
    };
  }

  static void plot(BenchmarkReport report, String title, Metric metric, Path png) throws IOException {
    String axis = metric == Metric.COST ? "training cost" : "test " + metric.label();
    LineChart chart = new LineChart(title, "fit time (s)", axis);
    report.seriesOfFirstRepetition().forEach((name, xy) -> chart.add(name, xy[0], xy[1]));
    chart.writePng(png);
  }
}
