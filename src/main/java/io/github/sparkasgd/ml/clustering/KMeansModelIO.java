package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.ml.TrainingStateColumns;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * Saves and loads {@link SGDKMeansModel}s the MLlib way: params as JSON metadata, the centres as one
 * Parquet row under {@code data/}, so a {@code PipelineModel} persists them like any built-in stage.
 */
final class KMeansModelIO {
  private static final String COUNTS = "counts";
  private static final StructType SCHEMA = TrainingStateColumns.addTo(new StructType()
      .add("k", DataTypes.IntegerType, false)
      .add("numFeatures", DataTypes.IntegerType, false)
      .add("centres", SQLDataTypes.VectorType(), false)
      .add(COUNTS, SQLDataTypes.VectorType(), true));

  private KMeansModelIO() {}

  static final class Writer extends MLWriter {
    private final SGDKMeansModel model;

    Writer(SGDKMeansModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
      ClusterCentres centres = model.centres();
      double[] counts = model.counts();
      Row row = RowFactory.create(TrainingStateColumns.append(new Object[] {centres.k(), centres.numFeatures(),
          new DenseVector(centres.values()), counts == null ? null : new DenseVector(counts)},
          model.trainingState()));
      sparkSession().createDataFrame(List.of(row), SCHEMA).repartition(1).write().parquet(path + "/data");
    }
  }

  static final class Reader extends MLReader<SGDKMeansModel> {
    @Override
    public SGDKMeansModel load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader.loadMetadata(path, sc(), SGDKMeansModel.class.getName());
      Row row = sparkSession().read().parquet(path + "/data").first();
      ClusterCentres centres = new ClusterCentres(row.getInt(0), row.getInt(1), ((Vector) row.get(2)).toArray());
      // Models saved before they kept counts have no such column: they load without (a fresh schedule).
      boolean hasCounts = Arrays.asList(row.schema().fieldNames()).contains(COUNTS)
          && !row.isNullAt(row.fieldIndex(COUNTS));
      double[] counts = hasCounts ? ((Vector) row.get(row.fieldIndex(COUNTS))).toArray() : null;
      SGDKMeansModel model = new SGDKMeansModel(metadata.uid(), centres, counts, TrainingStateColumns.read(row));
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
