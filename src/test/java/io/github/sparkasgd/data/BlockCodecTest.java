package io.github.sparkasgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockCodecTest {
  private static final int D = 9;

  /** Blocks of every kind: dense and sparse, float and double values, each kind of label and weight column. */
  static List<Block> blocks() {
    SplittableRandom r = new SplittableRandom(3);
    List<Block> out = new ArrayList<>();
    int n = 37;
    double[] classLabels = new double[n];
    double[] realLabels = new double[n];
    double[] realWeights = new double[n];
    for (int i = 0; i < n; i++) {
      classLabels[i] = r.nextInt(3);
      realLabels[i] = r.nextGaussian();
      realWeights[i] = r.nextDouble() * 2;
    }
    ScalarColumn[][] columns = {
        {ScalarColumn.of(classLabels), ScalarColumn.constant(n, 1.0)},
        {ScalarColumn.of(realLabels), ScalarColumn.of(realWeights)}};
    for (ScalarColumn[] c : columns) {
      float[] df = new float[n * D];
      double[] dd = new double[n * D];
      for (int k = 0; k < dd.length; k++) {
        dd[k] = r.nextDouble() < 0.5 ? 0.0 : r.nextGaussian();
        df[k] = (float) dd[k];
      }
      out.add(new DenseBlock(D, df, null, c[0], c[1]));
      out.add(new DenseBlock(D, null, dd, c[0], c[1]));
      int[] indptr = new int[n + 1];
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < D; j++) {
          if (r.nextDouble() < 0.3) {
            idx.add(j);
          }
        }
        indptr[i + 1] = idx.size();
      }
      int[] indices = idx.stream().mapToInt(Integer::intValue).toArray();
      float[] sf = new float[indices.length];
      double[] sd = new double[indices.length];
      for (int k = 0; k < sd.length; k++) {
        sd[k] = r.nextGaussian();
        sf[k] = (float) sd[k];
      }
      char[] narrow = new char[indices.length];
      for (int k = 0; k < indices.length; k++) {
        narrow[k] = (char) indices[k];
      }
      out.add(new SparseBlock(D, indptr, null, narrow, sf, null, c[0], c[1]));
      out.add(new SparseBlock(D, indptr.clone(), indices.clone(), null, null, sd, c[0], c[1]));
      out.add(new SparseBlock(D, indptr.clone(), indices.clone(), null, sf.clone(), null, c[0], c[1]));
    }
    return out;
  }

  static void assertSameRows(Block expected, Block actual) {
    assertEquals(expected.numRows(), actual.numRows());
    assertEquals(expected.numFeatures(), actual.numFeatures());
    assertEquals(expected.isSparse(), actual.isSparse());
    assertEquals(expected.precision(), actual.precision());
    for (int i = 0; i < expected.numRows(); i++) {
      assertEquals(expected.label(i), actual.label(i), 0.0);
      assertEquals(expected.weight(i), actual.weight(i), 0.0);
      for (int j = 0; j < expected.numFeatures(); j++) {
        double[] e = new double[expected.numFeatures()];
        e[j] = 1.0;
        assertEquals(expected.dot(i, e, 0), actual.dot(i, e, 0), 0.0, "row " + i + " feature " + j);
      }
    }
  }

  @Test
  void encodedBlocksDecodeToTheSameRows() {
    for (Block b : blocks()) {
      byte[] bytes = BlockCodec.encode(b);
      assertSameRows(b, BlockCodec.decode(bytes));
      // The form costs what the arrays cost, plus a header.
      assertTrue(bytes.length <= b.bytes() + 64, bytes.length + " bytes for a block of " + b.bytes());
    }
  }

  @Test
  void javaSerializationGoesThroughTheCodec() throws IOException, ClassNotFoundException {
    for (Block b : blocks()) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
        out.writeObject(b);
      }
      byte[] serialized = buffer.toByteArray();
      assertTrue(serialized.length <= BlockCodec.encode(b).length + 200,
          "no per-field Java serialization: " + serialized.length + " bytes");
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
        assertSameRows(b, (Block) in.readObject());
      }
    }
  }

  @Test
  void everyTruncationIsRejectedClearly() {
    for (Block b : blocks()) {
      byte[] bytes = BlockCodec.encode(b);
      for (int length = 0; length < bytes.length; length++) {
        byte[] cut = java.util.Arrays.copyOf(bytes, length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockCodec.decode(cut));
        assertTrue(e.getMessage().startsWith("Corrupt serialized block"), e.getMessage());
      }
      byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);
      assertThrows(IllegalArgumentException.class, () -> BlockCodec.decode(longer));
    }
  }

  /**
   * Random corruption either is rejected with the codec's error or decodes to a block whose every row
   * can be read: never an allocation sized by a corrupted count, never an index outside the model.
   */
  @Test
  void fuzzedBlocksAreRejectedOrSafe() {
    SplittableRandom r = new SplittableRandom(11);
    int rejected = 0;
    int trials = 0;
    for (Block b : blocks()) {
      byte[] bytes = BlockCodec.encode(b);
      for (int t = 0; t < 400; t++) {
        byte[] fuzzed = bytes.clone();
        int flips = 1 + r.nextInt(4);
        for (int f = 0; f < flips; f++) {
          // Mostly the header and the structure ahead of the values, where corruption matters.
          int at = r.nextDouble() < 0.7 ? r.nextInt(Math.min(bytes.length, 64)) : r.nextInt(bytes.length);
          fuzzed[at] = (byte) r.nextInt(256);
        }
        trials++;
        Block decoded;
        try {
          decoded = BlockCodec.decode(fuzzed);
        } catch (IllegalArgumentException e) {
          assertTrue(e.getMessage().startsWith("Corrupt serialized block"), e.getMessage());
          rejected++;
          continue;
        } catch (RuntimeException e) {
          fail("fuzzed block failed with " + e, e);
          return;
        }
        // A corrupted feature count may be huge (sparse blocks do not bound it): read the entries
        // instead of sizing arrays by it.
        for (int i = 0; i < decoded.numRows(); i++) {
          assertTrue(decoded.weight(i) >= 0);
          if (decoded instanceof SparseBlock sparse) {
            for (int k = sparse.rowStart(i); k < sparse.rowEnd(i); k++) {
              assertTrue(sparse.index(k) >= 0 && sparse.index(k) < decoded.numFeatures());
              sparse.value(k);
            }
          } else {
            double[] w = new double[decoded.numFeatures()]; // dense: bounded by the bytes there
            decoded.dot(i, w, 0);
            decoded.axpy(i, 1.0, w, 0);
          }
        }
      }
    }
    assertTrue(rejected > trials / 4, rejected + " of " + trials + " fuzzed blocks rejected");
  }
}
