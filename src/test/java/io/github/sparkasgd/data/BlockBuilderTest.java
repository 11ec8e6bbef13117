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

  @Test
  void storesEveryRowWithItsFeaturesInASeededRandomOrder() {
    int n = 500;
    Block block = new BlockBuilder(REGRESSION, 0).build(numberedRows(n).iterator()).block();
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

    double[] again = labels(new BlockBuilder(REGRESSION, 0).build(numberedRows(n).iterator()).block());
    double[] otherPartition = labels(new BlockBuilder(REGRESSION, 1).build(numberedRows(n).iterator()).block());
    InputSpec otherSeed = new InputSpec("features", "label", "", false, 0, 0, 43);
    double[] reseeded = labels(new BlockBuilder(otherSeed, 0).build(numberedRows(n).iterator()).block());
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
    assertFalse(built.block().isSparse());
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
      assertNull(built.block());
      BadRow badRow = built.stats().badRow();
      assertNotNull(badRow);
      assertEquals(4, badRow.rowInPartition());
      assertEquals("features", badRow.column());
      assertTrue(badRow.problem().contains(cases[c][0]), badRow.problem());
    }
  }
}
