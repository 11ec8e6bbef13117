package io.github.sparkasgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.UserDefinedType;
import org.junit.jupiter.api.Test;

class ColumnMomentsTest {
  private static final ScalingRequest STANDARDIZE = new ScalingRequest(true, false, false);

  @SuppressWarnings("unchecked")
  private static InternalRow row(Vector v) {
    Object vector = ((UserDefinedType<Vector>) SQLDataTypes.VectorType()).serialize(v);
    return new GenericInternalRow(new Object[] {vector, 1.0, 1.0});
  }

  private static ColumnMoments partition(int index, Vector... rows) {
    return ColumnMoments.of(List.of(rows).stream().map(ColumnMomentsTest::row).iterator(), index);
  }

  /**
   * Partitions finish in any order; the size the builder checks rows against must be the one of the
   * first partition in input order, or the error names a good row as the bad one.
   */
  @Test
  void theFirstPartitionsSizeWinsWhateverTheMergeOrder() {
    ColumnMoments first = partition(0, Vectors.dense(1, 2, 3), Vectors.dense(2, 3, 4));
    ColumnMoments second = partition(1, Vectors.dense(1, 2, 3, 4), Vectors.dense(1, 2, 3));
    ColumnMoments empty = partition(2);
    assertEquals(3, empty.merge(second).merge(first).scaling(STANDARDIZE).numFeatures());
    first = partition(0, Vectors.dense(1, 2, 3), Vectors.dense(2, 3, 4));
    second = partition(1, Vectors.dense(1, 2, 3, 4), Vectors.dense(1, 2, 3));
    assertEquals(3, first.merge(second).scaling(STANDARDIZE).numFeatures());
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
    FeatureScaling unpenalized = partition(0, rows).scaling(new ScalingRequest(true, false, true, false));
    FeatureScaling penalized = partition(0, rows).scaling(new ScalingRequest(true, false, true, true));
    assertFalse(unpenalized.centers());
    assertEquals(1.0, unpenalized.scale(0), 1e-12);
    assertEquals(1.0 / 2025, unpenalized.scale(1), 2e-5);
    assertEquals(0.0, unpenalized.scale(2), 0.0, "an empty column stays out of the model");
    assertEquals(Math.sqrt(50.0), penalized.scale(0), 1e-9, "1 / standard deviation");
  }
}
