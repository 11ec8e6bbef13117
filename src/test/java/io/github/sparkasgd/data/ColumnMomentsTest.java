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
