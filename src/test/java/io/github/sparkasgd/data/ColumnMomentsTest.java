package io.github.sparkasgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.UserDefinedType;
import org.junit.jupiter.api.Test;

class ColumnMomentsTest {
  private static final InputSpec SPEC = new InputSpec("features", "label", "", false, 0, 0, 42, false,
      ValuePrecision.FLOAT64);

  @SuppressWarnings("unchecked")
  private static List<InternalRow> weightedRows(List<Vector> vectors, java.util.SplittableRandom r) {
    List<InternalRow> internal = new ArrayList<>();
    for (Vector v : vectors) {
      Object vector = ((UserDefinedType<Vector>) (UserDefinedType<?>) SQLDataTypes.VectorType()).serialize(v);
      internal.add(new GenericInternalRow(new Object[] {vector, r.nextDouble() * 10 - 3, r.nextDouble() * 2}));
    }
    return internal;
  }

  /**
   * Random rows: sparse ones (a fifth of the features, some of them explicit zeros: stored as sparse
   * blocks) or dense ones with zero cells.
   */
  private static List<Vector> randomRows(int n, int d, boolean sparse, java.util.SplittableRandom r) {
    List<Vector> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = r.nextInt(3) == 0 ? 0.0 : r.nextGaussian() * (j + 1) + j;
      }
      if (!sparse) {
        rows.add(Vectors.dense(x));
        continue;
      }
      int[] idx = java.util.stream.IntStream.range(0, d).filter(j -> r.nextInt(5) == 0).toArray();
      double[] val = java.util.Arrays.stream(idx).mapToDouble(j -> x[j]).toArray();
      rows.add(Vectors.sparse(d, idx, val));
    }
    return rows;
  }

  /**
   * The moments the builder sums while it reads the rows give the scaling a pass over the built blocks
   * gives: weighted, with explicit zeros left out, for sparse and dense input.
   */
  @Test
  void momentsSummedWhileBuildingEqualAPassOverTheBlocks() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (boolean sparse : new boolean[] {true, false}) {
      List<InternalRow> rows = weightedRows(randomRows(400, 12, sparse, r), r);
      BuiltPartition built = new BlockBuilder(SPEC, 0, true).build(rows.iterator());
      assertEquals(sparse, built.blocks().get(0).isSparse());
      ColumnMoments fromBlocks = ColumnMoments.of(built.blocks());
      for (ScalingRequest request : List.of(new ScalingRequest(true, true, true, false),
          new ScalingRequest(true, true, false, true), new ScalingRequest(true, false, true, true))) {
        FeatureScaling expected = fromBlocks.scaling(request, !sparse);
        FeatureScaling actual = built.moments().scaling(request, !sparse);
        assertEquals(expected.centers(), actual.centers());
        for (int j = 0; j < 12; j++) {
          assertEquals(expected.scale(j), actual.scale(j), 1e-12 * Math.abs(expected.scale(j)), "scale " + j);
          assertEquals(expected.shift(j), actual.shift(j), 1e-12 * (1 + Math.abs(expected.shift(j))), "shift " + j);
        }
        assertEquals(expected.labelScale(), actual.labelScale(), 1e-12);
        assertEquals(expected.labelShift(), actual.labelShift(), 1e-12);
      }
    }
  }

  /** Moments too large to keep beside a partition's few blocks are dropped: a pass over the blocks gives them. */
  @Test
  void wideShortPartitionsLeaveTheirMomentsToAPassOverTheBlocks() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(4);
    int wide = (int) (BlockBuilder.MOMENTS_BYTES_ALWAYS_KEPT / 24) + 1;
    List<Vector> rows = List.of(Vectors.sparse(wide, new int[] {1, wide - 1}, new double[] {2, 3}));
    assertEquals(null, new BlockBuilder(SPEC, 0, true).build(weightedRows(rows, r).iterator()).moments());
    List<Vector> narrow = List.of(Vectors.sparse(1000, new int[] {1, 999}, new double[] {2, 3}));
    assertTrue(new BlockBuilder(SPEC, 0, true).build(weightedRows(narrow, r).iterator()).moments() != null);
    assertEquals(null, new BlockBuilder(SPEC, 0).build(weightedRows(narrow, r).iterator()).moments(), "not asked for");
  }

  /** The row norms summed while scaling are those of the stored scaled values (float and double, sparse and dense). */
  @Test
  void squaredNormsSummedWhileScalingAreThoseOfTheScaledRows() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (ValuePrecision precision : ValuePrecision.values()) {
      InputSpec spec = new InputSpec("features", "label", "", false, 0, 0, 42, false, precision);
      for (boolean sparse : new boolean[] {true, false}) {
        BuiltPartition built = new BlockBuilder(spec, 0, true).build(weightedRows(randomRows(300, 9, sparse, r), r).iterator());
        FeatureScaling scaling = built.moments().scaling(new ScalingRequest(true, false, false), !sparse);
        for (Block block : built.blocks()) {
          assertEquals(sparse, block.isSparse());
          block.applyScaling(scaling);
          Block recomputed = BlockCodec.decode(BlockCodec.encode(block)); // a copy that sums its norms on first use
          for (int i = 0; i < block.numRows(); i++) {
            assertEquals(recomputed.squaredNorm(i), block.squaredNorm(i), 0.0, precision + " sparse=" + sparse + " row " + i);
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Block> blocks(Vector... rows) {
    List<InternalRow> internal = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      Object vector = ((UserDefinedType<Vector>) (UserDefinedType<?>) SQLDataTypes.VectorType()).serialize(rows[i]);
      internal.add(new GenericInternalRow(new Object[] {vector, (double) i, 1.0}));
    }
    return new BlockBuilder(SPEC, 0).build(internal.iterator()).blocks();
  }

  /**
   * Sparse features without a penalty: divided by the root mean square of their nonzero values, so a
   * rare binary feature stays 1 (divided by its deviation it would be about 7 here) and a raw-unit
   * column comes to unit size; with a penalty, by the deviation, as MLlib's standardization.
   */
  @Test
  void unpenalizedSparseFeaturesAreScaledByTheirNonzerosRms() {
    int n = 50;
    Vector[] rows = new Vector[n];
    for (int i = 0; i < n; i++) {
      // feature 0: binary, in 1 row of 50; feature 1: a price in the thousands, in every other row
      rows[i] = i == 0 ? Vectors.sparse(3, new int[] {0, 1}, new double[] {1, 2000})
          : i % 2 == 0 ? Vectors.sparse(3, new int[] {1}, new double[] {2000 + i}) : Vectors.sparse(3, new int[0], new double[0]);
    }
    ColumnMoments moments = ColumnMoments.of(blocks(rows));
    FeatureScaling unpenalized = moments.scaling(new ScalingRequest(true, false, true, false), false);
    FeatureScaling penalized = moments.scaling(new ScalingRequest(true, false, true, true), false);
    assertFalse(unpenalized.centers());
    assertEquals(1.0, unpenalized.scale(0), 1e-12);
    assertEquals(1.0 / 2025, unpenalized.scale(1), 2e-5);
    assertEquals(0.0, unpenalized.scale(2), 0.0, "an empty column stays out of the model");
    assertEquals(Math.sqrt(50.0), penalized.scale(0), 1e-9, "1 / standard deviation");
  }

  /**
   * Scaling is applied to built blocks in place, once however often it is asked for, and a block's
   * codec form says whether it was (Spark's disk copy of a block is the unscaled one).
   */
  @Test
  void blocksAreScaledInPlaceOnceAndTheCodecKeepsTheFlag() {
    List<Block> built = blocks(Vectors.dense(1, 10), Vectors.dense(3, 30), Vectors.dense(5, 50));
    FeatureScaling scaling = ColumnMoments.of(built).scaling(new ScalingRequest(true, true, true), true);
    assertTrue(scaling.centers());
    Block block = built.get(0);
    Block unscaledCopy = BlockCodec.decode(BlockCodec.encode(block));
    block.applyScaling(scaling);
    block.applyScaling(scaling);
    double[] e0 = {1, 0};
    double[] sum = new double[3];
    for (int i = 0; i < 3; i++) {
      sum[0] += block.dot(i, e0, 0);
      sum[1] += block.dot(i, new double[] {0, 1}, 0);
      sum[2] += block.label(i);
    }
    assertEquals(0.0, sum[0], 1e-12, "centred once, not twice");
    assertEquals(0.0, sum[1], 1e-12);
    assertEquals(0.0, sum[2], 1e-12, "labels centred");
    assertEquals(Math.abs(block.dot(0, e0, 0)), 1.0, 1e-12, "(x - 3) / 2 for x in 1, 3, 5");
    Block head = block.head(2).applyScaling(scaling);
    assertEquals(block.dot(1, e0, 0), head.dot(1, e0, 0), 0.0, "the head of a scaled block is scaled once");
    Block scaledCopy = BlockCodec.decode(BlockCodec.encode(block));
    scaledCopy.applyScaling(scaling);
    unscaledCopy.applyScaling(scaling);
    for (int i = 0; i < 3; i++) {
      assertEquals(block.dot(i, e0, 0), scaledCopy.dot(i, e0, 0), 0.0, "a scaled copy is not scaled again");
      assertEquals(block.dot(i, e0, 0), unscaledCopy.dot(i, e0, 0), 0.0, "an unscaled copy is scaled on read");
    }
  }
}
