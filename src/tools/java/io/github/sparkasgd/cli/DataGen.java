package io.github.sparkasgd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the benchmark datasets as Parquet {@code (label double, features vector)}, deterministic for
 * a seed: {@code fashion-mnist} (Debian's IDX files, pixels scaled to [0, 1], train and test),
 * {@code sparse} (text-like: RCV1-shaped by default, power-law feature frequencies, labels from a
 * hidden sparse logistic model), {@code kmeans} (seed 000's mixture: k Gaussian clusters in d
 * dimensions, label = cluster). Run by the scripts in {@code data-scripts/}.
 */
public final class DataGen {
  private DataGen() {}

  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("dataset", "sparse");            // fashion-mnist | sparse | kmeans
    d.put("out", "data");
    d.put("fashion-mnist-dir", FashionMnist.DEFAULT_DIR);
    d.put("rows", "800000");
    d.put("features", "47236");
    d.put("nnz", "75");                    // sparse: mean nonzeros per row
    d.put("zipf", "1.1");                  // sparse: feature frequency ~ 1 / rank^zipf
    d.put("model-nnz", "2000");            // sparse: features the hidden model uses
    d.put("label-noise", "0.05");          // sparse: fraction of labels flipped
    d.put("k", "10");                      // kmeans
    d.put("d", "10");
    d.put("partitions", "8");
    d.put("seed", "42");
    d.put("master", "local[2]");
    return d;
  }

  public static void main(String[] args) throws Exception {
    Options o = new Options(defaults(), args);
    Sessions.run("spark-asgd DataGen", o.get("master"), spark -> run(spark, o));
  }

  static void run(SparkSession spark, Options o) throws Exception {
    Path out = Path.of(o.get("out"));
    switch (o.get("dataset")) {
      case "fashion-mnist" -> {
        String dir = o.get("fashion-mnist-dir");
        write(FashionMnist.load(spark, dir, "train", 2), out.resolve("fashion-mnist/train"));
        write(FashionMnist.load(spark, dir, "t10k", 1), out.resolve("fashion-mnist/test"));
      }
      case "sparse" -> write(sparse(spark, o), out.resolve(String.format(Locale.ROOT, "sparse-%dx%d-seed%d",
          o.getLong("rows"), o.getInt("features"), o.getLong("seed"))));
      case "kmeans" -> write(kmeans(spark, o), out.resolve(String.format(Locale.ROOT, "kmeans-k%d-d%d-%d-seed%d",
          o.getInt("k"), o.getInt("d"), o.getLong("rows"), o.getLong("seed"))));
      default -> throw new IllegalArgumentException("Unknown dataset " + o.get("dataset") + "\n" + o.usage());
    }
  }

  private static void write(Dataset<Row> df, Path path) {
    if (Files.exists(path.resolve("_SUCCESS"))) {
      System.out.println("exists, left as is: " + path.toAbsolutePath());
      return;
    }
    df.write().mode(SaveMode.Overwrite).parquet(path.toString());
    long rows = df.sparkSession().read().parquet(path.toString()).count();
    System.out.printf(Locale.ROOT, "wrote %d rows to %s%n", rows, path.toAbsolutePath());
  }

  private static JavaRDD<Integer> partitions(SparkSession spark, int n) {
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      ids.add(p);
    }
    return new JavaSparkContext(spark.sparkContext()).parallelize(ids, n);
  }

  /**
   * Rows with about {@code nnz} distinct features drawn from a Zipf law over the feature ranks, tf-idf
   * like positive values normalised to unit length; label 1 when the hidden model's margin is
   * positive, flipped with probability {@code label-noise}.
   */
  static Dataset<Row> sparse(SparkSession spark, Options o) {
    long rows = o.getLong("rows");
    int d = o.getInt("features");
    int nnz = o.getInt("nnz");
    double zipf = o.getDouble("zipf");
    double noise = o.getDouble("label-noise");
    long seed = o.getLong("seed");
    int parts = o.getInt("partitions");
    double[] model = new double[d];
    SplittableRandom mr = new SplittableRandom(seed);
    ZipfLaw ranks = new ZipfLaw(d, zipf);
    // The hidden model weighs features drawn with the same skew, so frequent words carry signal.
    for (int i = 0; i < o.getInt("model-nnz"); i++) {
      model[ranks.rank(mr.nextDouble())] = mr.nextGaussian() * 2;
    }
    JavaRDD<Row> data = partitions(spark, parts).flatMap(p -> {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + p);
      long from = rows * p / parts;
      long to = rows * (p + 1) / parts;
      List<Row> out = new ArrayList<>();
      for (long i = from; i < to; i++) {
        int k = Math.max(1, (int) Math.round(nnz * (0.5 + r.nextDouble())));
        int[] idx = java.util.stream.IntStream.range(0, k).map(t -> ranks.rank(r.nextDouble()))
            .distinct().sorted().toArray();
        double[] val = new double[idx.length];
        double norm = 0;
        for (int t = 0; t < idx.length; t++) {
          val[t] = 1 + r.nextDouble() * Math.log1p(idx[t]);
          norm += val[t] * val[t];
        }
        double margin = 0;
        for (int t = 0; t < idx.length; t++) {
          val[t] /= Math.sqrt(norm);
          margin += model[idx[t]] * val[t];
        }
        boolean positive = margin != 0 ? margin > 0 : r.nextBoolean();
        if (r.nextDouble() < noise) {
          positive = !positive;
        }
        out.add(RowFactory.create(positive ? 1.0 : 0.0, Vectors.sparse(d, idx, val)));
      }
      return out.iterator();
    });
    return spark.createDataFrame(data, GeneratedData.SCHEMA);
  }

  /** Seed 000's K-Means data: k centres uniform in [-10, 10]^d, unit-variance Gaussian clusters. */
  static Dataset<Row> kmeans(SparkSession spark, Options o) {
    long rows = o.getLong("rows");
    int k = o.getInt("k");
    int d = o.getInt("d");
    long seed = o.getLong("seed");
    int parts = o.getInt("partitions");
    double[][] centres = new double[k][d];
    SplittableRandom cr = new SplittableRandom(seed);
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = cr.nextDouble(-10, 10);
      }
    }
    JavaRDD<Row> data = partitions(spark, parts).flatMap(p -> {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + p);
      List<Row> out = new ArrayList<>();
      for (long i = rows * p / parts; i < rows * (p + 1) / parts; i++) {
        int c = r.nextInt(k);
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
          x[j] = centres[c][j] + r.nextGaussian();
        }
        out.add(RowFactory.create((double) c, Vectors.dense(x)));
      }
      return out.iterator();
    });
    return spark.createDataFrame(data, GeneratedData.SCHEMA);
  }
}
