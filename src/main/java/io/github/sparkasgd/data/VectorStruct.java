package io.github.sparkasgd.data;

import org.apache.spark.sql.catalyst.InternalRow;

/**
 * {@code VectorUDT}'s storage struct as Spark SQL's internal rows hold it: type (0 sparse, 1 dense),
 * size, indices, values. Reading it directly spares building a {@code Vector} per row.
 */
final class VectorStruct {
  static final int FIELDS = 4;
  static final byte SPARSE = 0;
  static final byte DENSE = 1;

  private VectorStruct() {}

  /**
   * The vector's size (type 0 sparse: size, indices, values; type 1 dense: values), or -1 when the
   * struct is broken.
   */
  static int size(InternalRow v) {
    if (v.isNullAt(0) || v.isNullAt(3)) {
      return -1;
    }
    byte type = v.getByte(0);
    if (type == DENSE) {
      return v.getArray(3).numElements();
    }
    if (type != SPARSE || v.isNullAt(1) || v.isNullAt(2)
        || v.getArray(2).numElements() != v.getArray(3).numElements()) {
      return -1;
    }
    return v.getInt(1);
  }
}
