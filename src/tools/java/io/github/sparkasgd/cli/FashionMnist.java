package io.github.sparkasgd.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Reads Fashion-MNIST's gzipped IDX files (Debian's {@code dataset-fashion-mnist} installs them under
 * {@link #DEFAULT_DIR}) into {@code (label, features)} frames, pixels scaled to [0, 1] or raw (0..255).
 */
final class FashionMnist {
  static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
  private static final int IMAGES_MAGIC = 0x803;
  private static final int LABELS_MAGIC = 0x801;

  private FashionMnist() {}

  /** {@code split} is "train" or "t10k"; pixels scaled to [0, 1]. */
  static Dataset<Row> load(SparkSession spark, String dir, String split, int partitions) throws IOException {
    return load(spark, dir, split, partitions, false);
  }

  /** {@code split} is "train" or "t10k"; {@code raw}: pixel intensities as stored, 0..255. */
  static Dataset<Row> load(SparkSession spark, String dir, String split, int partitions, boolean raw)
      throws IOException {
    double scale = raw ? 1.0 : 1 / 255.0;
    Path images = Path.of(dir, split + "-images-idx3-ubyte.gz");
    Path labels = Path.of(dir, split + "-labels-idx1-ubyte.gz");
    if (!Files.exists(images) || !Files.exists(labels)) {
      throw new IllegalArgumentException("Fashion-MNIST not found under " + dir
          + " (install it with: apt-get install dataset-fashion-mnist)");
    }
    List<Row> rows = new ArrayList<>();
    try (DataInputStream img = open(images); DataInputStream lab = open(labels)) {
      checkMagic(img.readInt(), IMAGES_MAGIC, images);
      checkMagic(lab.readInt(), LABELS_MAGIC, labels);
      int n = img.readInt();
      int pixels = img.readInt() * img.readInt();
      if (lab.readInt() != n) {
        throw new IOException("image and label counts differ in " + dir);
      }
      byte[] buf = new byte[pixels];
      for (int i = 0; i < n; i++) {
        img.readFully(buf);
        double[] x = new double[pixels];
        for (int j = 0; j < pixels; j++) {
          x[j] = (buf[j] & 0xff) * scale;
        }
        rows.add(RowFactory.create((double) lab.readUnsignedByte(), Vectors.dense(x)));
      }
    }
    return spark.createDataFrame(rows, GeneratedData.SCHEMA).repartition(partitions);
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16);
    return new DataInputStream(in);
  }

  private static void checkMagic(int actual, int expected, Path p) throws IOException {
    if (actual != expected) {
      throw new IOException(p + " is not an IDX file of the expected kind (magic " + actual + ")");
    }
  }
}
