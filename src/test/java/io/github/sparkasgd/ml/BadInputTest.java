package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Bad input fails before training with the column and the first bad row (0-based) named. */
class BadInputTest {
  private static final StructType WEIGHTED = TestData.SCHEMA.add("w", DataTypes.DoubleType, true);

  private static SparkSession spark() {
    return SparkTestSession.get();
  }

  /** Ten valid rows (labels 0/1, weight 1) in two partitions of five, in order. */
  private static List<Row> goodRows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(RowFactory.create(Vectors.dense(i, 1.0 - i, 0.5), (double) (i % 2), 1.0));
    }
    return rows;
  }

  private static Dataset<Row> frame(List<Row> rows, StructType schema) {
    return spark().createDataFrame(new JavaSparkContext(spark().sparkContext()).parallelize(rows, 2), schema);
  }

  private static Dataset<Row> withRow(int index, Object features, Object label, Object weight) {
    List<Row> rows = goodRows();
    rows.set(index, RowFactory.create(features, label, weight));
    return frame(rows, WEIGHTED);
  }

  private static void assertRejected(Predictor<?, ?, ? extends PredictionModel<?, ?>> estimator,
      Dataset<Row> df, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator.fit(df));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
    }
  }

  private static SGDClassifier classifier() {
    return new SGDClassifier().setWeightCol("w").setMaxIter(1);
  }

  private static SGDRegressor regressor() {
    return new SGDRegressor().setWeightCol("w").setMaxIter(1);
  }

  @Test
  void nonFiniteFeatures() {
    assertRejected(classifier(), withRow(3, Vectors.dense(1, Double.NaN, 0), 1.0, 1.0), "'features'", "row 3", "NaN");
    assertRejected(regressor(), withRow(7, Vectors.sparse(3, new int[] {2}, new double[] {Double.POSITIVE_INFINITY}),
        1.0, 1.0), "'features'", "row 7", "Infinity");
    assertRejected(classifier(), withRow(6, null, 1.0, 1.0), "'features'", "row 6", "null");
  }

  @Test
  void vectorsOfDifferingSize() {
    assertRejected(classifier(), withRow(2, Vectors.dense(1, 2), 1.0, 1.0), "'features'", "row 2", "size 2");
    // the first row of the second partition differs from the first partition's rows
    assertRejected(regressor(), withRow(5, Vectors.dense(1, 2, 3, 4), 1.0, 1.0), "'features'", "row 5", "size 4");
  }

  @Test
  void badLabels() {
    assertRejected(regressor(), withRow(4, Vectors.dense(1, 2, 3), Double.NaN, 1.0), "'label'", "row 4", "NaN");
    assertRejected(regressor(), withRow(9, Vectors.dense(1, 2, 3), Double.NEGATIVE_INFINITY, 1.0), "'label'", "row 9");
    assertRejected(classifier(), withRow(1, Vectors.dense(1, 2, 3), -1.0, 1.0), "'label'", "row 1", "-1.0");
    assertRejected(classifier(), withRow(8, Vectors.dense(1, 2, 3), 0.5, 1.0), "'label'", "row 8", "0.5");
    assertRejected(classifier(), withRow(3, Vectors.dense(1, 2, 3), null, 1.0), "'label'", "row 3", "null");
  }

  @Test
  void labelOutsideTheClassesDeclaredByMetadata() {
    Dataset<Row> df = withRow(5, Vectors.dense(1, 2, 3), 2.0, 1.0);
    Dataset<Row> declared = df.withColumn("label", df.col("label"),
        NominalAttribute.defaultAttr().withName("label").withNumValues(2).toMetadata());
    assertRejected(classifier(), declared, "'label'", "row 5", "outside 0..1");
  }

  @Test
  void badWeights() {
    assertRejected(classifier(), withRow(2, Vectors.dense(1, 2, 3), 1.0, -0.5), "'w'", "row 2", "-0.5");
    assertRejected(regressor(), withRow(6, Vectors.dense(1, 2, 3), 1.0, Double.NaN), "'w'", "row 6", "NaN");
    List<Row> zero = new ArrayList<>();
    for (Row r : goodRows()) {
      zero.add(RowFactory.create(r.get(0), r.get(1), 0.0));
    }
    assertRejected(regressor(), frame(zero, WEIGHTED), "'w'", "weight 0");
  }

  @Test
  void missingColumns() {
    Dataset<Row> df = frame(goodRows(), WEIGHTED);
    assertRejected(classifier().setFeaturesCol("pixels"), df, "pixels");
    assertRejected(regressor().setLabelCol("target"), df, "target");
    assertRejected(classifier().setWeightCol("importance"), df, "'importance'", "does not exist");
  }

  @Test
  void columnsOfTheWrongType() {
    Dataset<Row> df = frame(goodRows(), WEIGHTED)
        .selectExpr("features", "label", "w", "cast(label as string) as text", "cast(w as string) as wtext");
    assertRejected(classifier().setFeaturesCol("text"), df, "text");
    assertRejected(classifier().setLabelCol("text"), df, "text");
    assertRejected(regressor().setLabelCol("features"), df, "features");
    assertRejected(regressor().setWeightCol("wtext"), df, "'wtext'", "numeric");
  }

  @Test
  void emptyDataset() {
    assertRejected(classifier(), frame(new ArrayList<>(), WEIGHTED), "empty");
    assertRejected(regressor(), frame(goodRows(), WEIGHTED).filter("label > 5"), "empty");
  }
}
