package io.github.sparkasgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
