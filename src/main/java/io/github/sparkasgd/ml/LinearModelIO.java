package io.github.sparkasgd.ml;

import io.github.sparkasgd.optim.TrainingState;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Params;
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
 * Saves and loads linear models the MLlib way: params as JSON metadata, numbers as one Parquet
 * row under {@code data/}, so {@code PipelineModel} can persist them like any built-in stage.
 */
public final class LinearModelIO {
  private static final StructType SCHEMA = TrainingStateColumns.addTo(new StructType()
      .add("numClasses", DataTypes.IntegerType, false)
      .add("numOutputs", DataTypes.IntegerType, false)
      .add("numFeatures", DataTypes.IntegerType, false)
      .add("coefficients", SQLDataTypes.VectorType(), false)
      .add("intercepts", SQLDataTypes.VectorType(), false));

  private LinearModelIO() {}

  /** Writes a model's params, numbers and training state (null: none); {@code numClasses} is 0 for regression. */
  public static final class Writer extends MLWriter {
    private final Params instance;
    private final LinearModelData data;
    private final int numClasses;
    private final TrainingState state;

    public Writer(Params instance, LinearModelData data, int numClasses, TrainingState state) {
      this.instance = instance;
      this.data = data;
      this.numClasses = numClasses;
      this.state = state;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(instance, path, sc(), Option.empty(), Option.empty());
      Row row = RowFactory.create(TrainingStateColumns.append(new Object[] {numClasses, data.numOutputs(),
          data.numFeatures(), new DenseVector(data.coefficients()), new DenseVector(data.intercepts())}, state));
      sparkSession().createDataFrame(List.of(row), SCHEMA).repartition(1)
          .write().parquet(path + "/data");
    }
  }

  /** A model factory: uid, numbers, class count and training state (null: none) in, model out. */
  public interface Factory<M> {
    M create(String uid, LinearModelData data, int numClasses, TrainingState state);
  }

  /** Reads what {@link Writer} wrote into a model built by {@code factory}. */
  public static final class Reader<M extends Params> extends MLReader<M> {
    private final Class<M> type;
    private final Factory<M> factory;

    public Reader(Class<M> type, Factory<M> factory) {
      this.type = type;
      this.factory = factory;
    }

    @Override
    public M load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(), type.getName());
      Row row = sparkSession().read().parquet(path + "/data").first();
      LinearModelData data = new LinearModelData(row.getInt(1), row.getInt(2),
          ((Vector) row.get(3)).toArray(), ((Vector) row.get(4)).toArray());
      M model = factory.create(metadata.uid(), data, row.getInt(0), TrainingStateColumns.read(row));
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
