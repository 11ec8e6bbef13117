package io.github.sparkasgd.cli;

import io.github.sparkasgd.ml.classification.SGDMultilayerPerceptronClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Fashion-MNIST MLPs side by side in one SparkSession: MLlib's MultilayerPerceptronClassifier at its
 * defaults (L-BFGS, {@code mllib-max-iter} iterations) on the first net, then each of our solver
 * settings on every net in {@code nets} with nothing else set. Ours are traced as complete fits with
 * growing {@code maxIter} until they reach MLlib's final test accuracy, then fitted at their defaults;
 * writes {@code results.md}, {@code curves.csv} and the accuracy-against-time plot {@code name.png} under
 * {@code out}/{@code name}.
 */
public final class MlpBenchmark {
  private MlpBenchmark() {}

  static Map<String, String> defaults() {
    Map<String, String> d = dataDefaults("mlp-fashion-mnist");
    d.put("nets", "784-100-10");          // comma-separated layer lists
    d.put("solver", "async");            // comma-separated solver(param=value) runs, as Train's
    d.put("mllib", "true");
    d.put("mllib-max-iter", "100");
    d.put("target", "NaN");              // NaN: MLlib's final accuracy
    return d;
  }

  public static void main(String[] args) throws Exception {
    Options o = new Options(Benchmark.withConfig(defaults(), args), args);
    Sessions.run("spark-asgd MlpBenchmark", o.get("master"), spark -> run(spark, o));
  }

  static void run(SparkSession spark, Options o) throws IOException {
    Dataset<Row> train = trainingSet(spark, o);
    Dataset<Row> test = FashionMnist.load(spark, o.get("data-dir"), "t10k", o.getInt("partitions")).cache();
    System.out.printf(Locale.ROOT, "%d training rows, %d test rows, %s%n", train.count(), test.count(), o);
    List<int[]> nets = new ArrayList<>();
    for (String net : o.get("nets").split(",")) {
      nets.add(layers(net));
    }
    Metric accuracy = Metric.fromName("accuracy");
    StringBuilder table = new StringBuilder("| estimator | net | time to target | final accuracy | fit time | "
        + "MLlib's time / ours to target |\n|---|---|---|---|---|---|\n");
    StringBuilder csv = new StringBuilder("estimator,net,maxIter,seconds,accuracy\n");
    double target = o.getDouble("target");
    double mllibSeconds = Double.NaN;
    LineChart chart = new LineChart(o.get("name"), "fit time (s)", "test accuracy");
    if (o.getBoolean("mllib")) {
      MultilayerPerceptronClassifier mllib = new MultilayerPerceptronClassifier().setLayers(nets.get(0))
          .setMaxIter(o.getInt("mllib-max-iter"));
      long start = System.nanoTime();
      MultilayerPerceptronClassificationModel model = mllib.fit(train);
      mllibSeconds = (System.nanoTime() - start) / 1e9;
      double acc = accuracy.evaluate(model.transform(test));
      target = Double.isNaN(target) ? acc : target;
      String net = netName(nets.get(0));
      System.out.printf(Locale.ROOT, "MLlib %s: %.1f s, accuracy %.4f%n", net, mllibSeconds, acc);
      table.append(String.format(Locale.ROOT, "| MLlib MultilayerPerceptronClassifier (L-BFGS, %d iterations) | %s "
          + "| %.1f s | %.4f | %.1f s | 1.0x |%n", o.getInt("mllib-max-iter"), net, mllibSeconds, acc, mllibSeconds));
      csv.append(String.format(Locale.ROOT, "MLlib,%s,%d,%.3f,%.5f%n", net, o.getInt("mllib-max-iter"),
          mllibSeconds, acc));
      chart.add("MLlib " + net, new double[] {mllibSeconds}, new double[] {acc});
    }
    for (int[] layers : nets) {
      for (SolverRuns run : SolverRuns.parse(o.get("solver"))) {
        SGDMultilayerPerceptronClassifier ours = new SGDMultilayerPerceptronClassifier().setLayers(layers);
        run.applyTo(ours);
        String name = "spark-asgd " + run.label();
        List<FitCurve.Point> points = FitCurve.trace(name, 0, ours, train, test, accuracy, target,
            p -> System.out.printf(Locale.ROOT, "  %s %s maxIter=%d: %.2f s, accuracy %.4f%n", p.estimator(),
                netName(layers), p.maxIter(), p.seconds(), p.value()));
        FitCurve.Point reached = null;
        for (FitCurve.Point p : points) {
          csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.5f%n", name, netName(layers), p.maxIter(),
              p.seconds(), p.value()));
          if (reached == null && !Double.isNaN(target) && accuracy.reached(p.value(), target)) {
            reached = p;
          }
        }
        chart.add(name + " " + netName(layers), points.stream().mapToDouble(FitCurve.Point::seconds).toArray(),
            points.stream().mapToDouble(FitCurve.Point::value).toArray());
        FitCurve.Point last = points.get(points.size() - 1);
        table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4f | %.1f s | %s |%n", name, netName(layers),
            reached == null ? "not reached" : String.format(Locale.ROOT, "%.1f s (%d epochs)", reached.seconds(),
                reached.maxIter()), last.value(), last.seconds(),
            reached == null || Double.isNaN(mllibSeconds) ? "-"
                : String.format(Locale.ROOT, "%.1fx", mllibSeconds / reached.seconds())));
      }
    }
    String header = String.format(Locale.ROOT, "Fashion-MNIST MLPs, %s, target accuracy %.4f%n%n", o.get("master"),
        target);
    System.out.println(header + table);
    Path dir = Path.of(o.get("out"), o.get("name"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.md"), header + table);
    Files.writeString(dir.resolve("curves.csv"), csv);
    chart.writePng(dir.resolve(o.get("name") + ".png"));
  }

  /** The options of the Fashion-MNIST MLP tools: where the data is, where results go, the session. */
  static Map<String, String> dataDefaults(String name) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("config", "");
    d.put("name", name);
    d.put("out", "target/bench");
    d.put("master", "local[2]");
    d.put("data-dir", FashionMnist.DEFAULT_DIR);
    d.put("partitions", "2");
    d.put("train-rows", "0");            // 0: all 60,000
    return d;
  }

  /** Fashion-MNIST's training rows ({@code train-rows} of them where set), cached, in {@code partitions}. */
  static Dataset<Row> trainingSet(SparkSession spark, Options o) throws IOException {
    int partitions = o.getInt("partitions");
    Dataset<Row> train = FashionMnist.load(spark, o.get("data-dir"), "train", partitions);
    if (o.getInt("train-rows") > 0) {
      train = train.limit(o.getInt("train-rows")).repartition(partitions);
    }
    return train.cache();
  }

  /** A net written as its layer sizes joined by dashes, e.g. {@code 784-100-10}. */
  static int[] layers(String net) {
    return Arrays.stream(net.trim().split("-")).mapToInt(Integer::parseInt).toArray();
  }

  static String netName(int[] layers) {
    return String.join("-", Arrays.stream(layers).mapToObj(Integer::toString).toList());
  }
}
