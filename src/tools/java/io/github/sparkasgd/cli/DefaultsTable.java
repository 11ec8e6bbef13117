package io.github.sparkasgd.cli;

import io.github.sparkasgd.ml.SGDTrainingSummary;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

/**
 * "Works untuned" on real data: for each dataset, every solver of {@link SGDClassifier} /
 * {@link SGDRegressor} with no param set but the solver, next to MLlib's LogisticRegression /
 * LinearRegression with no param set, in one SparkSession on the same cached split. Reports test
 * accuracy (classification) or R^2 (regression) and fit time, and whether each of ours ends within
 * {@code --margin} of MLlib or above it; writes {@code results.md} under {@code --out}.
 *
 * <p>Datasets are what {@code data-scripts/real-datasets.sh} writes ({@code DIR/NAME/{train,test}.libsvm}
 * and {@code info.properties}), plus {@code fashion-mnist-raw}: Debian's Fashion-MNIST with pixels
 * 0..255 as stored, official train/test split.
 *
 * <pre>
 * data-scripts/real-datasets.sh
 * mvn -q compile exec:exec -Djob.main=io.github.sparkasgd.cli.DefaultsTable
 * </pre>
 */
public final class DefaultsTable {
  private DefaultsTable() {}

  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("data-dir", "data/real");
    d.put("datasets", "breast-cancer,wine,digits,fortunes,fashion-mnist-raw,diabetes,ames");
    d.put("solvers", "async,batch,minibatch,simuparallel");
    d.put("fashion-mnist-dir", FashionMnist.DEFAULT_DIR);
    d.put("fashion-mnist-train-rows", "0"); // > 0: the first N training images only (test set whole)
    d.put("partitions", "2");
    d.put("margin", "0.01");
    d.put("repetitions", "1");
    d.put("out", "target/bench/defaults");
    d.put("master", "local[2]");
    return d;
  }

  /** A dataset's split and what the table says about it. */
  record Data(String name, boolean classification, Dataset<Row> train, Dataset<Row> test, long trainRows,
      long testRows, int features, int classes, String source) {}

  /** One fit. */
  record Fit(String dataset, String estimator, double value, double seconds, int iterations, double stepSize,
      double[] objectiveHistory, String error) {
    boolean failed() {
      return error != null;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = new Options(defaults(), args);
    Sessions.run("spark-asgd DefaultsTable", o.get("master"), spark -> run(spark, o, args));
  }

  static void run(SparkSession spark, Options o, String[] args) throws Exception {
    List<String> solvers = Arrays.asList(o.get("solvers").split(","));
    double margin = o.getDouble("margin");
    StringBuilder table = new StringBuilder();
    StringBuilder details = new StringBuilder();
    StringBuilder misses = new StringBuilder();
    table.append("| dataset | task | train / test rows | features | metric | ");
    solvers.forEach(s -> table.append(s).append(" | "));
    table.append("MLlib | worst gap |\n|---|---|---|---|---|");
    solvers.forEach(s -> table.append("---|"));
    table.append("---|---|\n");
    details.append("| dataset | estimator | metric | fit s | iterations | step size | objective: first, last (count) |\n")
        .append("|---|---|---|---|---|---|---|\n");

    List<String> names = Arrays.asList(o.get("datasets").split(","));
    for (int di = 0; di < names.size(); di++) {
      Data data = load(spark, o, names.get(di).trim());
      System.out.printf(Locale.ROOT, "%s: %d train, %d test rows, %d features, %s%n", data.name(),
          data.trainRows(), data.testRows(), data.features(), data.classification() ? data.classes() + " classes"
              : "regression");
      Metric metric = data.classification() ? Metric.ACCURACY : Metric.R2;
      Map<String, Supplier<Predictor<?, ?, ?>>> estimators = new LinkedHashMap<>();
      for (String s : solvers) {
        estimators.put(s, data.classification() ? () -> new SGDClassifier().setSolver(s)
            : () -> new SGDRegressor().setSolver(s));
      }
      estimators.put("MLlib", data.classification() ? LogisticRegression::new : LinearRegression::new);
      List<String> order = new ArrayList<>(estimators.keySet());
      Map<String, List<Fit>> fits = new LinkedHashMap<>();
      order.forEach(k -> fits.put(k, new ArrayList<>()));
      for (int rep = 0; rep < o.getInt("repetitions"); rep++) {
        for (int i = 0; i < order.size(); i++) {
          String k = order.get((i + rep + di) % order.size()); // rotated: no estimator always first
          Fit f = fit(data, k, estimators.get(k).get(), metric);
          System.out.printf(Locale.ROOT, "  %-12s %s %s, %.2f s, %d iterations, step %s%n", k, metric.label(),
              f.failed() ? "FAILED: " + f.error() : String.format(Locale.ROOT, "%.4f", f.value()), f.seconds(),
              f.iterations(), step(f.stepSize()));
          fits.get(k).add(f);
        }
      }
      Fit mllib = median(fits.get("MLlib"));
      table.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | %d | %s | ", data.name(),
          data.classification() ? data.classes() + "-class" : "regression", data.trainRows(), data.testRows(),
          data.features(), metric.label()));
      double worst = Double.POSITIVE_INFINITY;
      for (String s : solvers) {
        Fit f = median(fits.get(s));
        double gap = f.failed() ? Double.NEGATIVE_INFINITY : f.value() - mllib.value();
        worst = Math.min(worst, gap);
        boolean miss = !(gap >= -margin);
        table.append(cell(f)).append(miss ? " **miss**" : "").append(" | ");
        if (miss) {
          misses.append(String.format(Locale.ROOT, "- %s, %s: %s vs MLlib %.4f (gap %s); %d iterations, step %s,"
              + " objective history %s%n", data.name(), s, f.failed() ? "failed: " + f.error()
                  : String.format(Locale.ROOT, "%.4f", f.value()), mllib.value(), fmt(gap), f.iterations(),
              step(f.stepSize()), history(f.objectiveHistory(), 40)));
        }
      }
      table.append(cell(mllib)).append(" | ").append(fmt(worst)).append(" |\n");
      for (String k : order) {
        Fit f = median(fits.get(k));
        double[] h = f.objectiveHistory();
        details.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %d | %s | %s |%n", data.name(), k,
            f.failed() ? "failed" : String.format(Locale.ROOT, "%.4f", f.value()), f.seconds(), f.iterations(),
            step(f.stepSize()), h == null || h.length == 0 ? "" : String.format(Locale.ROOT, "%.6g, %.6g (%d)",
                h[0], h[h.length - 1], h.length)));
      }
      data.train().unpersist();
      data.test().unpersist();
    }

    String sources = names.stream().map(String::trim).map(n -> "- " + n + ": " + source(o, n))
        .collect(Collectors.joining("\n"));
    String md = String.format(Locale.ROOT, "Every estimator with no param set (ours: only `setSolver`), side by "
        + "side in one SparkSession (`%s`, %d partitions), on the same cached split; test accuracy or R^2 "
        + "(fit seconds; median of %d). A cell is **miss** when it ends more than %s below MLlib's. "
        + "Command: `mvn -q compile exec:exec -Djob.main=%s -Djob.args=\"%s\"`.%n%n%s%n"
        + "Datasets (raw features, none generated):%n%n%s%n%n%s%n"
        + "Fits (median repetition; iterations are epochs for ours, for MLlib its optimizer's):%n%n%s",
        o.get("master"), o.getInt("partitions"), o.getInt("repetitions"), o.get("margin"),
        DefaultsTable.class.getName(), String.join(" ", args), table, sources,
        misses.length() == 0 ? "No cell misses.\n" : "Misses:\n\n" + misses, details);
    Path dir = Path.of(o.get("out"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.md"), md);
    System.out.println(md);
    System.out.println("wrote " + dir.toAbsolutePath().resolve("results.md"));
  }

  private static Fit fit(Data data, String name, Predictor<?, ?, ?> estimator, Metric metric) {
    long start = System.nanoTime();
    try {
      Model<?> model = estimator.fit(data.train());
      double seconds = (System.nanoTime() - start) / 1e9;
      double value = metric.evaluate(model.transform(data.test()));
      SGDTrainingSummary s = Train.summaryOf(model);
      if (s != null) {
        return new Fit(data.name(), name, value, seconds, s.totalIterations(), s.stepSize(), s.objectiveHistory(),
            null);
      }
      if (model instanceof LogisticRegressionModel m && m.hasSummary()) {
        return new Fit(data.name(), name, value, seconds, m.summary().totalIterations(), Double.NaN,
            m.summary().objectiveHistory(), null);
      }
      if (model instanceof LinearRegressionModel m && m.hasSummary()) {
        return new Fit(data.name(), name, value, seconds, m.summary().totalIterations(), Double.NaN,
            m.summary().objectiveHistory(), null);
      }
      return new Fit(data.name(), name, value, seconds, 0, Double.NaN, null, null);
    } catch (RuntimeException e) {
      double seconds = (System.nanoTime() - start) / 1e9;
      String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
      return new Fit(data.name(), name, Double.NaN, seconds, 0, Double.NaN, null, msg);
    }
  }

  /** The repetition with the median metric (failures count as worst). */
  private static Fit median(List<Fit> fits) {
    List<Fit> sorted = new ArrayList<>(fits);
    sorted.sort((a, b) -> Double.compare(a.failed() ? Double.NEGATIVE_INFINITY : a.value(),
        b.failed() ? Double.NEGATIVE_INFINITY : b.value()));
    return sorted.get(sorted.size() / 2);
  }

  private static String cell(Fit f) {
    return f.failed() ? "failed" : String.format(Locale.ROOT, "%.4f (%.1f s)", f.value(), f.seconds());
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "failed" : String.format(Locale.ROOT, "%+.4g", v);
  }

  private static String step(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String history(double[] h, int max) {
    if (h == null) {
      return "none";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < h.length; i++) {
      if (h.length > max && i == max / 2) {
        sb.append("... ");
        i = h.length - max / 2;
      }
      sb.append(String.format(Locale.ROOT, "%.6g", h[i])).append(i < h.length - 1 ? ", " : "");
    }
    return sb.append("] (").append(h.length).append(" values)").toString();
  }

  static String source(Options o, String name) {
    if (name.equals("fashion-mnist-raw")) {
      return "Debian dataset-fashion-mnist (" + o.get("fashion-mnist-dir") + "), 28x28 images, raw pixels 0..255, "
          + "official train/test split" + (o.getInt("fashion-mnist-train-rows") > 0
              ? ", first " + o.getInt("fashion-mnist-train-rows") + " training images" : "");
    }
    Properties p = info(o, name);
    return p.getProperty("source") + "; " + p.getProperty("note") + "; "
        + p.getProperty("rows") + " x " + p.getProperty("features") + ", " + p.getProperty("nonzeros")
        + " nonzeros, seeded 80/20 split";
  }

  private static Properties info(Options o, String name) {
    Path file = Path.of(o.get("data-dir"), name, "info.properties");
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(file + " not found: run data-scripts/real-datasets.sh first");
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p;
  }

  static Data load(SparkSession spark, Options o, String name) throws Exception {
    int partitions = o.getInt("partitions");
    Dataset<Row> train;
    Dataset<Row> test;
    boolean classification;
    int classes;
    if (name.equals("fashion-mnist-raw")) {
      String dir = o.get("fashion-mnist-dir");
      train = FashionMnist.load(spark, dir, "train", partitions, true);
      int cap = o.getInt("fashion-mnist-train-rows");
      if (cap > 0) {
        train = train.limit(cap).repartition(partitions);
      }
      test = FashionMnist.load(spark, dir, "t10k", partitions, true);
      classification = true;
      classes = 10;
    } else {
      Properties p = info(o, name);
      classification = p.getProperty("task").equals("classification");
      classes = Integer.parseInt(p.getProperty("classes"));
      String features = p.getProperty("features");
      Path dir = Path.of(o.get("data-dir"), name);
      train = spark.read().format("libsvm").option("numFeatures", features).load(dir.resolve("train.libsvm")
          .toString());
      test = spark.read().format("libsvm").option("numFeatures", features).load(dir.resolve("test.libsvm")
          .toString());
      if (Boolean.parseBoolean(p.getProperty("dense"))) { // LIBSVM reads sparse vectors; dense data stays dense
        UserDefinedFunction dense = functions.udf((UDF1<Vector, Vector>) Vector::toDense, SQLDataTypes.VectorType());
        train = train.withColumn("features", dense.apply(train.col("features")));
        test = test.withColumn("features", dense.apply(test.col("features")));
      }
      train = train.repartition(partitions);
      test = test.repartition(partitions);
    }
    train = train.cache();
    test = test.cache();
    long n = train.count();
    long m = test.count();
    int features = ((Vector) train.first().getAs("features")).size();
    return new Data(name, classification, train, test, n, m, features, classes, source(o, name));
  }
}
