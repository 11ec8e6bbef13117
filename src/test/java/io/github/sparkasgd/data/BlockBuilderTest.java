package io.github.sparkasgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.UserDefinedType;
import org.junit.jupiter.api.Test;

class BlockBuilderTest {
  private static final int D = 7;
  private static final InputSpec REGRESSION = new InputSpec("features", "label", "", false, 0, 0, 42);

  @SuppressWarnings("unchecked")
  private static InternalRow row(Vector v, double label) {
    Object vector = ((UserDefinedType<Vector>) SQLDataTypes.VectorType()).serialize(v);
    return new GenericInternalRow(new Object[] {vector, label, 1.0});
  }

  /** Row i: label i, feature i % D = i + 1 (and feature (i + 3) % D = -1 on odd rows). */
  private static List<InternalRow> numberedRows(int n) {
    List<InternalRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int a = i % D;
      int b = (i + 3) % D;
      Vector v = i % 2 == 0 ? Vectors.sparse(D, new int[] {a}, new double[] {i + 1})
          : Vectors.sparse(D, new int[] {Math.min(a, b), Math.max(a, b)},
              a < b ? new double[] {i + 1, -1} : new double[] {-1, i + 1});
      rows.add(row(v, i));
    }
    return rows;
  }

  private static double[] labels(Block b) {
    double[] y = new double[b.numRows()];
    for (int i = 0; i < y.length; i++) {
      y[i] = b.label(i);
    }
    return y;
  }

  /** The partition's only block (small partitions are built into one). */
  private static Block only(BuiltPartition built) {
    assertEquals(1, built.blocks().size());
    return built.blocks().get(0);
  }

  @Test
  void storesEveryRowWithItsFeaturesInASeededRandomOrder() {
    int n = 500;
    Block block = only(new BlockBuilder(REGRESSION, 0).build(numberedRows(n).iterator()));
    assertTrue(block.isSparse());
    double[] y = labels(block);
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i], "every input row is stored once");
    }
    int inPlace = 0;
    for (int i = 0; i < n; i++) {
      int original = (int) y[i];
      inPlace += original == i ? 1 : 0;
      double[] w = new double[D];
      w[original % D] = 1.0;
      assertEquals(original + 1, block.dot(i, w, 0), 0.0, "stored row " + i + " carries input row " + original);
      Arrays.fill(w, 1.0);
      assertEquals(original + 1 - (original % 2), block.dot(i, w, 0), 0.0);
    }
    assertTrue(inPlace < 10, "rows are shuffled, " + inPlace + " stayed in place");

    double[] again = labels(only(new BlockBuilder(REGRESSION, 0).build(numberedRows(n).iterator())));
    double[] otherPartition = labels(only(new BlockBuilder(REGRESSION, 1).build(numberedRows(n).iterator())));
    InputSpec otherSeed = new InputSpec("features", "label", "", false, 0, 0, 43);
    double[] reseeded = labels(only(new BlockBuilder(otherSeed, 0).build(numberedRows(n).iterator())));
    assertArrayEquals(y, again, "same seed and partition, same order");
    assertFalse(Arrays.equals(y, otherPartition));
    assertFalse(Arrays.equals(y, reseeded));
  }

  @Test
  void denseRowsAreStoredDenseAndCountedAsStoredValues() {
    List<InternalRow> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(row(Vectors.dense(i, 1, 0), i));
    }
    BuiltPartition built = new BlockBuilder(REGRESSION, 0).build(rows.iterator());
    assertFalse(only(built).isSparse());
    assertEquals(30, built.stats().storedValues());
    BuiltPartition sparse = new BlockBuilder(REGRESSION, 0).build(numberedRows(10).iterator());
    assertEquals(15, sparse.stats().storedValues());
  }

  @Test
  void rejectsBrokenVectorStructsNamingTheRow() {
    // What SparseVector's constructor would refuse, written straight into VectorUDT's storage form.
    InternalRow unordered = new GenericInternalRow(new Object[] {
        new GenericInternalRow(new Object[] {(byte) 0, D, UnsafeArrayData.fromPrimitiveArray(new int[] {3, 1}),
            UnsafeArrayData.fromPrimitiveArray(new double[] {1, 2})}), 1.0, 1.0});
    InternalRow outOfRange = new GenericInternalRow(new Object[] {
        new GenericInternalRow(new Object[] {(byte) 0, D, UnsafeArrayData.fromPrimitiveArray(new int[] {D}),
            UnsafeArrayData.fromPrimitiveArray(new double[] {1})}), 1.0, 1.0});
    InternalRow mismatched = new GenericInternalRow(new Object[] {
        new GenericInternalRow(new Object[] {(byte) 0, D, UnsafeArrayData.fromPrimitiveArray(new int[] {1, 2}),
            UnsafeArrayData.fromPrimitiveArray(new double[] {1})}), 1.0, 1.0});
    InternalRow nullFeatures = new GenericInternalRow(new Object[] {null, 1.0, 1.0});
    String[][] cases = {{"out of order"}, {"outside 0..6"}, {"malformed"}, {"null"}};
    InternalRow[] bad = {unordered, outOfRange, mismatched, nullFeatures};
    for (int c = 0; c < bad.length; c++) {
      List<InternalRow> rows = new ArrayList<>(numberedRows(4));
      rows.add(bad[c]);
      rows.addAll(numberedRows(3));
      BuiltPartition built = new BlockBuilder(REGRESSION, 0).build(rows.iterator());
      assertNull(built.blocks());
      BadRow badRow = built.stats().badRow();
      assertNotNull(badRow);
      assertEquals(4, badRow.rowInPartition());
      assertEquals("features", badRow.column());
      assertTrue(badRow.problem().contains(cases[c][0]), badRow.problem());
    }
  }

  /** Row {@code id}: a seeded sparse or dense vector; the label is the id, the weight a function of it. */
  private static Vector vectorOf(int id, int d, boolean sparse) {
    SplittableRandom r = new SplittableRandom(id * 7919L + 1);
    if (sparse) {
      int[] idx = r.ints(0, d).distinct().limit(40).sorted().toArray();
      double[] values = r.doubles(idx.length, -3, 3).toArray();
      if (id % 3 == 0) {
        values[id % values.length] = 0.0; // an explicit zero, which the blocks leave out
      }
      return Vectors.sparse(d, idx, values);
    }
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      v[j] = r.nextDouble() < 0.2 ? 0.0 : r.nextGaussian();
    }
    return Vectors.dense(v);
  }

  private static double weightOf(int id) {
    return id % 5 == 0 ? 0.0 : 1.0 + Math.sqrt(id); // not a float: stored as double
  }

  /**
   * A partition big enough for several blocks comes back whole: every input row once, with its
   * features (rounded to float in float32 blocks), label and weight, dense and sparse, in both
   * precisions; and the blocks are what they claim to cost.
   */
  @Test
  void everyRowComesBackFromAMultiBlockPartition() {
    int n = 30_000;
    for (ValuePrecision precision : ValuePrecision.values()) {
      for (boolean sparse : new boolean[] {true, false}) {
        int d = sparse ? 5000 : 60;
        InputSpec spec = new InputSpec("features", "label", "w", false, 0, 0, 42, false, precision);
        List<InternalRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Object vector = ((UserDefinedType<Vector>) (UserDefinedType<?>) SQLDataTypes.VectorType())
              .serialize(vectorOf(i, d, sparse));
          rows.add(new GenericInternalRow(new Object[] {vector, (double) i, weightOf(i)}));
        }
        BuiltPartition built = new BlockBuilder(spec, 0).build(rows.iterator());
        assertTrue(built.blocks().size() > 1, "several blocks: " + built.blocks().size());
        boolean[] seen = new boolean[n];
        long bytes = 0;
        int stored = 0;
        for (Block block : built.blocks()) {
          assertEquals(sparse, block.isSparse());
          assertEquals(precision, block.precision());
          bytes += block.bytes();
          for (int i = 0; i < block.numRows(); i++) {
            int id = (int) block.label(i);
            assertFalse(seen[id], "row " + id + " stored twice");
            seen[id] = true;
            stored++;
            assertEquals(weightOf(id), block.weight(i), 0.0);
            double[] expected = vectorOf(id, d, sparse).toArray();
            double[] actual = new double[d];
            block.axpy(i, 1.0, actual, 0);
            for (int j = 0; j < d; j++) {
              double e = precision == ValuePrecision.FLOAT32 ? (float) expected[j] : expected[j];
              assertEquals(e, actual[j], 0.0, "row " + id + " feature " + j);
            }
          }
        }
        assertEquals(n, stored);
        assertEquals(bytes, built.stats().storedBytes());
        int width = precision == ValuePrecision.FLOAT32 ? 4 : 8;
        long values = built.stats().storedValues();
        if (sparse) {
          assertEquals(40L * n - (n + 2) / 3, values, "explicit zeros (every third row) are left out");
        }
        // Values (and indices), one row pointer, the weight as double; labels (ids) fit floats.
        // 16-bit indices: 5000 features
        long expectedBytes = values * width + (sparse ? 2L * values + 4L * (n + built.blocks().size()) : 0)
            + 8L * n + 4L * n;
        assertEquals(expectedBytes, bytes);
      }
    }
  }
}
