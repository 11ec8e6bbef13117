package io.github.sparkasgd.ml.clustering;

import java.util.Arrays;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The schema check and output column shared by {@link SGDKMeans} and {@link SGDKMeansModel}, as MLlib's KMeans. */
final class KMeansSchema {
  private KMeansSchema() {}

  /** {@code schema} plus an integer prediction column, after checking the features column. */
  static StructType validateAndTransform(StructType schema, KMeansParams params) {
    String features = params.getFeaturesCol();
    if (!Arrays.asList(schema.fieldNames()).contains(features)) {
      throw new IllegalArgumentException("Column '" + features + "' does not exist; available columns: "
          + String.join(", ", schema.fieldNames()));
    }
    if (!SQLDataTypes.VectorType().equals(schema.apply(features).dataType())) {
      throw new IllegalArgumentException("Column '" + features + "' must be a vector column but is of type "
          + schema.apply(features).dataType().simpleString());
    }
    String prediction = params.getPredictionCol();
    if (Arrays.asList(schema.fieldNames()).contains(prediction)) {
      throw new IllegalArgumentException("Output column '" + prediction + "' already exists");
    }
    return schema.add(prediction, DataTypes.IntegerType, false);
  }
}
