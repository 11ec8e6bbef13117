package io.github.sparkasgd.cli;

import io.github.sparkasgd.ml.SGDSetters;
import io.github.sparkasgd.ml.SGDTrainingSummary;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.regression.SGDRegressionModel;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import io.github.sparkasgd.optim.ProgressListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Trains an SGD estimator and prints its progress per epoch and its held-out metrics.
 *
 * <pre>
 * spark-submit --jars spark-asgd_2.12-*-SNAPSHOT.jar --class io.github.sparkasgd.cli.Train \
 *   spark-asgd_2.12-*-tools.jar [--option value ...]
 * </pre>
 *
 * Without {@code spark.master} (e.g. from {@code mvn exec:exec}) it runs on {@code local[2]}.
 */
public final class Train {
  private Train() {}

  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("data", "generated");       // generated | fashion-mnist | a parquet/libsvm path
    d.put("format", "parquet");       // for a path: parquet (label, features) or libsvm
    d.put("test-data", "");           // for a path: its test set; empty = a seeded 80/20 split
    d.put("fashion-mnist-dir", FashionMnist.DEFAULT_DIR);
    d.put("fashion-mnist-raw", "false"); // true: pixels 0..255 as stored, not scaled to [0, 1]
    d.put("rows", "50000");           // generated data
    d.put("features", "50");
    d.put("classes", "5");            // 0 = regression
    d.put("partitions", "2");
    d.put("solver", "async");         // or a list of runs: batch(maxIter=300,stepSize=0.05),minibatch
    d.put("loss", "");                // default: logistic for classes, squared for regression
    d.put("max-iter", "100");
    d.put("step-size", "0");          // 0: picked automatically
    d.put("tol", "1e-4");
    d.put("step-schedule", "inverse");
    d.put("mini-batch-size", "256");
    d.put("reg-param", "0.0");
    d.put("standardization", "true");
    d.put("feature-precision", "float32"); // or float64
    d.put("elastic-net", "0.0");
    d.put("averaging-interval", "0");
    d.put("num-workers", "0");
    d.put("seed", "42");
    d.put("compare-mllib", "false");
    d.put("target-accuracy", "0");   // > 0: time each run to this test accuracy (refits with growing maxIter)
    d.put("master", "local[2]");      // used only when spark.master is not set
    return d;
  }

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.println("Usage: Train [--option value ...]\n" + new Options(defaults(), new String[0]).usage());
      return;
    }
    Options o;
    try {
      o = new Options(defaults(), args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Options options = o;
    Sessions.run("spark-asgd Train", o.get("master"), spark -> run(spark, options));
  }

  /** Whether the job's data is a classification problem: all but generated data with 0 classes. */
  static boolean isClassification(Options o) {
    return !(o.get("data").equals("generated") && o.getInt("classes") == 0);
  }

  /**
   * Our estimator for the task, configured from the options, then with the run's solver and param
   * overrides; {@code listener} may be null.
   */
  static Predictor<?, ?, ?> estimator(boolean classification, Options o, SolverRuns run, ProgressListener listener) {
    Predictor<?, ?, ?> p = classification ? configure(new SGDClassifier().setProgressListener(listener), o)
        : configure(new SGDRegressor().setProgressListener(listener), o);
    run.applyTo(p);
    return p;
  }

  /** The fit's training summary; null for models without one (MLlib's, loaded or copied ones). */
  static SGDTrainingSummary summaryOf(Model<?> model) {
    return model instanceof SGDClassificationModel m && m.hasSummary() ? m.summary()
        : model instanceof SGDRegressionModel m && m.hasSummary() ? m.summary() : null;
  }

  static void run(SparkSession spark, Options o) throws Exception {
    Dataset<Row>[] split = load(spark, o);
    Dataset<Row> train = split[0].cache();
    Dataset<Row> test = split[1].cache();
    long n = train.count();
    test.count();
    boolean classification = isClassification(o);
    System.out.printf(Locale.ROOT, "spark-asgd: %s, %d training rows, %d test rows, solver %s%n",
        o.get("data"), n, test.count(), o.get("solver"));

    ProgressListener progress = (solver, it, objective, seconds) -> System.out.printf(Locale.ROOT,
        "  %s epoch/iteration %3d  objective %.6f  %.2f s%n", solver, it, objective, seconds);
    for (SolverRuns run : SolverRuns.parse(o.get("solver"))) {
      Predictor<?, ?, ?> ours = estimator(classification, o, run, progress);
      report("spark-asgd " + run.label(), ours, train, test, classification, o.getDouble("target-accuracy"));
    }

    if (o.getBoolean("compare-mllib")) {
      Predictor<?, ?, ?> mllib = classification
          ? new LogisticRegression().setRegParam(o.getDouble("reg-param"))
              .setElasticNetParam(o.getDouble("elastic-net")).setMaxIter(100)
          : new LinearRegression().setRegParam(o.getDouble("reg-param"))
              .setElasticNetParam(o.getDouble("elastic-net")).setMaxIter(100);
      report("MLlib " + mllib.getClass().getSimpleName(), mllib, train, test, classification,
          o.getDouble("target-accuracy"));
    }
  }

  static <T extends SGDSetters<T>> T configure(T estimator, Options o) {
    if (!o.get("loss").isEmpty()) {
      estimator.setLoss(o.get("loss"));
    }
    return estimator.setMaxIter(o.getInt("max-iter"))
        .setTol(o.getDouble("tol"))
        .setStepSize(o.getDouble("step-size"))
        .setStepSchedule(o.get("step-schedule"))
        .setMiniBatchSize(o.getInt("mini-batch-size"))
        .setRegParam(o.getDouble("reg-param"))
        .setStandardization(o.getBoolean("standardization"))
        .setFeaturePrecision(o.get("feature-precision"))
        .setElasticNetParam(o.getDouble("elastic-net"))
        .setAveragingInterval(o.getInt("averaging-interval"))
        .setNumWorkers(o.getInt("num-workers"))
        .setSeed(o.getLong("seed"));
  }

  /**
   * Fits and prints the held-out metrics. With a target accuracy, traces a {@link FitCurve} and
   * reports the first fit reaching the target.
   */
  private static void report(String name, Predictor<?, ?, ?> estimator, Dataset<Row> train, Dataset<Row> test,
      boolean classification, double targetAccuracy) {
    if (targetAccuracy <= 0 || !classification) {
      fitAndReport(name, estimator, train, test, classification);
      return;
    }
    List<FitCurve.Point> curve = FitCurve.trace(name, 0, estimator, train, test, Metric.ACCURACY, targetAccuracy,
        p -> System.out.printf(Locale.ROOT, "%s maxIter=%d: fit %.2f s, test accuracy %.4f%n",
            name, p.maxIter(), p.seconds(), p.value()));
    FitCurve.Point first = curve.stream().filter(p -> p.value() >= targetAccuracy).findFirst().orElse(null);
    if (first != null) {
      System.out.printf(Locale.ROOT, "%s reached accuracy %.4f >= %.2f in a %.2f s fit (maxIter=%d)%n",
          name, first.value(), targetAccuracy, first.seconds(), first.maxIter());
    } else {
      System.out.printf(Locale.ROOT, "%s did not reach accuracy %.2f within maxIter=%d%n",
          name, targetAccuracy, curve.get(curve.size() - 1).maxIter());
    }
  }

  private static void fitAndReport(String name, Predictor<?, ?, ?> estimator, Dataset<Row> train,
      Dataset<Row> test, boolean classification) {
    long start = System.nanoTime();
    Model<?> model = estimator.fit(train);
    double seconds = (System.nanoTime() - start) / 1e9;
    Dataset<Row> predictions = model.transform(test);
    if (classification) {
      System.out.printf(Locale.ROOT, "%s: fit %.2f s, test accuracy %.4f, test log-loss %.4f%n",
          name, seconds, Metric.ACCURACY.evaluate(predictions), Metric.LOG_LOSS.evaluate(predictions));
    } else {
      System.out.printf(Locale.ROOT, "%s: fit %.2f s, test RMSE %.4f%n", name, seconds,
          Metric.RMSE.evaluate(predictions));
    }
    SGDTrainingSummary summary = summaryOf(model);
    if (summary != null && summary.exchangeStats() != null) {
      System.out.println("  exchange: " + summary.exchangeStats());
    }
  }

  @SuppressWarnings("unchecked")
  static Dataset<Row>[] load(SparkSession spark, Options o) throws Exception {
    int partitions = o.getInt("partitions");
    String data = o.get("data");
    if (data.equals("fashion-mnist")) {
      String dir = o.get("fashion-mnist-dir");
      boolean raw = o.getBoolean("fashion-mnist-raw");
      return new Dataset[] {FashionMnist.load(spark, dir, "train", partitions, raw),
          FashionMnist.load(spark, dir, "t10k", partitions, raw)};
    }
    if (data.equals("generated")) {
      return GeneratedData.generate(spark, o.getLong("rows"), o.getInt("features"), o.getInt("classes"),
          partitions, o.getLong("seed")).randomSplit(new double[] {0.8, 0.2}, o.getLong("seed"));
    }
    Dataset<Row> all = spark.read().format(o.get("format")).load(data).repartition(partitions);
    if (!o.get("test-data").isEmpty()) {
      return new Dataset[] {all, spark.read().format(o.get("format")).load(o.get("test-data"))};
    }
    return all.randomSplit(new double[] {0.8, 0.2}, o.getLong("seed"));
  }
}
