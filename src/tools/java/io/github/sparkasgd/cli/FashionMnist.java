package io.github.sparkasgd.cli;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
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

  /**
   * {@code split} is "train" or "t10k"; {@code raw}: pixel intensities as stored, 0..255. The driver
   * reads the headers and broadcasts the files' compressed bytes (26 MB for the training set; a
   * broadcast travels in blocks, not inside a task), and each partition decodes its own range of
   * images in the executor, so no shared file system is needed and no task carries the data (rows
   * built in the driver ride inside the tasks: 195 MB for the training set, above
   * {@code spark.rpc.message.maxSize}).
   */
  static Dataset<Row> load(SparkSession spark, String dir, String split, int partitions, boolean raw)
      throws IOException {
    double scale = raw ? 1.0 : 1 / 255.0;
    Path images = Path.of(dir, split + "-images-idx3-ubyte.gz");
    Path labels = Path.of(dir, split + "-labels-idx1-ubyte.gz");
    if (!Files.exists(images) || !Files.exists(labels)) {
      throw new IllegalArgumentException("Fashion-MNIST not found under " + dir
          + " (install it with: apt-get install dataset-fashion-mnist)");
    }
    int n;
    try (DataInputStream img = open(images); DataInputStream lab = open(labels)) {
      checkMagic(img.readInt(), IMAGES_MAGIC, images);
      checkMagic(lab.readInt(), LABELS_MAGIC, labels);
      n = img.readInt();
      if (lab.readInt() != n) {
        throw new IOException("image and label counts differ in " + dir);
      }
    }
    JavaSparkContext jsc = new JavaSparkContext(spark.sparkContext());
    Broadcast<byte[]> imageBytes = jsc.broadcast(Files.readAllBytes(images));
    Broadcast<byte[]> labelBytes = jsc.broadcast(Files.readAllBytes(labels));
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(p);
    }
    JavaRDD<Row> rows = jsc.parallelize(parts, partitions)
        .flatMap(p -> new Images(imageBytes.value(), labelBytes.value(),
            (int) ((long) n * p / partitions), (int) ((long) n * (p + 1) / partitions), scale));
    return spark.createDataFrame(rows, GeneratedData.SCHEMA);
  }

  /** The rows {@code [from, to)} of a pair of IDX files, decoded one at a time; one partition's, single-threaded. */
  private static final class Images implements Iterator<Row> {
    private final DataInputStream img;
    private final DataInputStream lab;
    private final byte[] buf;
    private final double scale;
    private int remaining;

    Images(byte[] images, byte[] labels, int from, int to, double scale) throws IOException {
      this.img = open(new ByteArrayInputStream(images));
      this.lab = open(new ByteArrayInputStream(labels));
      img.skipNBytes(8);
      int pixels = img.readInt() * img.readInt();
      lab.skipNBytes(8);
      img.skipNBytes((long) from * pixels);
      lab.skipNBytes(from);
      this.buf = new byte[pixels];
      this.scale = scale;
      this.remaining = to - from;
      if (remaining == 0) {
        close();
      }
    }

    @Override
    public boolean hasNext() {
      return remaining > 0;
    }

    @Override
    public Row next() {
      if (remaining <= 0) {
        throw new NoSuchElementException();
      }
      try {
        img.readFully(buf);
        double[] x = new double[buf.length];
        for (int j = 0; j < buf.length; j++) {
          x[j] = (buf[j] & 0xff) * scale;
        }
        Row row = RowFactory.create((double) lab.readUnsignedByte(), Vectors.dense(x));
        if (--remaining == 0) {
          close();
        }
        return row;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void close() throws IOException {
      img.close();
      lab.close();
    }
  }

  private static DataInputStream open(Path p) throws IOException {
    return open(Files.newInputStream(p));
  }

  private static DataInputStream open(InputStream gzipped) throws IOException {
    return new DataInputStream(new GZIPInputStream(gzipped, 1 << 16));
  }

  private static void checkMagic(int actual, int expected, Path p) throws IOException {
    if (actual != expected) {
      throw new IOException(p + " is not an IDX file of the expected kind (magic " + actual + ")");
    }
  }
}
