package io.github.sparkasgd.ml.classification;

import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * Saves and loads {@link SGDMultilayerPerceptronClassificationModel}s the MLlib way: params as JSON
 * metadata, layer sizes and weights as one Parquet row under {@code data/}.
 */
final class MlpModelIO {
  private static final StructType SCHEMA = new StructType()
      .add("layers", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add("weights", SQLDataTypes.VectorType(), false);

  private MlpModelIO() {}

  static final class Writer extends MLWriter {
    private final SGDMultilayerPerceptronClassificationModel model;

    Writer(SGDMultilayerPerceptronClassificationModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
      int[] layers = model.layerSizes();
      Integer[] boxed = new Integer[layers.length];
      for (int i = 0; i < layers.length; i++) {
        boxed[i] = layers[i];
      }
      Row row = RowFactory.create(boxed, new DenseVector(model.weightArray()));
      sparkSession().createDataFrame(List.of(row), SCHEMA).repartition(1).write().parquet(path + "/data");
    }
  }

  static final class Reader extends MLReader<SGDMultilayerPerceptronClassificationModel> {
    @Override
    public SGDMultilayerPerceptronClassificationModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(),
          SGDMultilayerPerceptronClassificationModel.class.getName());
      Row row = sparkSession().read().parquet(path + "/data").first();
      List<Integer> list = row.getList(0);
      int[] layers = list.stream().mapToInt(Integer::intValue).toArray();
      SGDMultilayerPerceptronClassificationModel model = new SGDMultilayerPerceptronClassificationModel(
          metadata.uid(), layers, ((Vector) row.get(1)).toArray());
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
