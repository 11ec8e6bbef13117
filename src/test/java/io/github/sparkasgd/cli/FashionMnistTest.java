package io.github.sparkasgd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkasgd.SparkTestSession;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX loader against images written here, split over more partitions than images and fewer. */
class FashionMnistTest {
  private static final int IMAGES = 7;
  private static final int PIXELS = 6;

  @Test
  void everyPartitionDecodesItsOwnImagesInOrder(@TempDir Path dir) throws IOException {
    write(dir, "train");
    for (int partitions : new int[] {1, 3, 10}) {
      List<Row> rows = FashionMnist.load(SparkTestSession.get(), dir.toString(), "train", partitions, true)
          .collectAsList();
      assertEquals(IMAGES, rows.size(), partitions + " partitions");
      for (int i = 0; i < IMAGES; i++) {
        assertEquals(label(i), rows.get(i).getDouble(0), "label of image " + i);
        double[] expected = new double[PIXELS];
        for (int j = 0; j < PIXELS; j++) {
          expected[j] = pixel(i, j);
        }
        assertArrayEquals(expected, ((Vector) rows.get(i).get(1)).toArray(), "image " + i);
      }
    }
    Row scaled = FashionMnist.load(SparkTestSession.get(), dir.toString(), "train", 2).first();
    assertEquals(pixel(0, 5) / 255.0, ((Vector) scaled.get(1)).apply(5), 1e-15);
  }

  private static int label(int i) {
    return i % 10;
  }

  private static int pixel(int i, int j) {
    return (i * 37 + j * 101) % 256; // above 127 too: bytes must be read unsigned
  }

  private static void write(Path dir, String split) throws IOException {
    try (DataOutputStream img = gz(dir.resolve(split + "-images-idx3-ubyte.gz"));
        DataOutputStream lab = gz(dir.resolve(split + "-labels-idx1-ubyte.gz"))) {
      img.writeInt(0x803);
      img.writeInt(IMAGES);
      img.writeInt(2);
      img.writeInt(3);
      lab.writeInt(0x801);
      lab.writeInt(IMAGES);
      for (int i = 0; i < IMAGES; i++) {
        for (int j = 0; j < PIXELS; j++) {
          img.writeByte(pixel(i, j));
        }
        lab.writeByte(label(i));
      }
    }
  }

  private static DataOutputStream gz(Path p) throws IOException {
    return new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(p)));
  }
}
