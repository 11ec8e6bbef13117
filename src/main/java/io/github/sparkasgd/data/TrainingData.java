package io.github.sparkasgd.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * A fit's input as cached blocks, validated as a whole. Built by one Spark job that reads every row
 * once; closing it releases the cache.
 */
public final class TrainingData implements AutoCloseable {
  private final JavaRDD<BuiltPartition> built;
  private final JavaRDD<Block> blocks;
  private final BlockStats totals;
  private final long[] partitionRows;

  private TrainingData(JavaRDD<BuiltPartition> built, BlockStats totals, long[] partitionRows) {
    this.built = built;
    this.blocks = built.map(BuiltPartition::block);
    this.totals = totals;
    this.partitionRows = partitionRows;
  }

  /**
   * Reads, validates and caches the dataset.
   *
   * @throws IllegalArgumentException naming the column and the first bad row (0-based, in the order
   *     of the input's partitions) when any value is invalid, a column is missing or of the wrong
   *     type, or the dataset is empty
   */
  public static TrainingData build(Dataset<?> dataset, InputSpec spec) {
    StructType schema = dataset.schema();
    requireColumn(schema, spec.featuresCol(), "a vector", SQLDataTypes.VectorType()::equals);
    requireColumn(schema, spec.labelCol(), "numeric", t -> t instanceof NumericType);
    Column weight = lit(1.0);
    if (spec.hasWeightCol()) {
      requireColumn(schema, spec.weightCol(), "numeric", t -> t instanceof NumericType);
      weight = col(spec.weightCol()).cast("double");
    }
    Dataset<Row> rows = dataset.select(
        col(spec.featuresCol()), col(spec.labelCol()).cast("double"), weight);
    int partitions = rows.rdd().getNumPartitions();
    if (spec.spreadRows() || (spec.numWorkers() > 0 && spec.numWorkers() != partitions)) {
      // Round robin: each partition gets every k-th row, so input sorted or partitioned by label still
      // gives every partition all classes.
      rows = rows.repartition(spec.numWorkers() > 0 ? spec.numWorkers() : partitions);
    }
    JavaRDD<BuiltPartition> built = BlockBuilder.buildAll(rows, spec);
    List<BlockStats> stats;
    try {
      stats = built.map(BuiltPartition::stats).collect();
      long[] partitionRows = new long[stats.size()];
      BlockStats totals = validate(stats, spec, partitionRows);
      return new TrainingData(built, totals, partitionRows);
    } catch (IllegalArgumentException e) {
      built.unpersist(false);
      if (spec.spreadRows() && spec.numWorkers() == 0) {
        // Dealt out, the rows lost their input order: build again as given (on this error path only)
        // so that the message names the bad row's position in the input.
        return build(dataset, new InputSpec(spec.featuresCol(), spec.labelCol(), spec.weightCol(),
            spec.classification(), spec.numClasses(), 0, spec.seed()));
      }
      throw e;
    } catch (RuntimeException e) {
      built.unpersist(false);
      throw e;
    }
  }

  private static BlockStats validate(List<BlockStats> stats, InputSpec spec, long[] partitionRows) {
    BlockStats totals = new BlockStats();
    long offset = 0;
    for (int p = 0; p < stats.size(); p++) {
      BlockStats s = stats.get(p);
      if (s.numFeatures >= 0 && totals.numFeatures >= 0 && s.numFeatures != totals.numFeatures) {
        throw badRow(spec.featuresCol(), offset,
            "vector has size " + s.numFeatures + " but earlier rows have size " + totals.numFeatures);
      }
      if (s.badRow != null) {
        throw badRow(s.badRow.column(), offset + s.badRow.rowInPartition(), s.badRow.problem());
      }
      totals.merge(s);
      partitionRows[p] = s.numRows;
      offset += s.numRows;
    }
    if (totals.numRows == 0) {
      throw new IllegalArgumentException("The training dataset is empty: column '"
          + spec.featuresCol() + "' has no rows");
    }
    if (!(totals.weightSum > 0)) {
      throw new IllegalArgumentException("Every row has weight 0 in column '" + spec.weightCol() + "'");
    }
    if (totals.numFeatures == 0) {
      throw new IllegalArgumentException("Column '" + spec.featuresCol() + "' holds vectors of size 0");
    }
    return totals;
  }

  private static IllegalArgumentException badRow(String column, long row, String problem) {
    return new IllegalArgumentException(
        "Invalid value in column '" + column + "' at row " + row + ": " + problem);
  }

  private static void requireColumn(StructType schema, String name, String kind,
      java.util.function.Predicate<DataType> ok) {
    if (!List.of(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException("Column '" + name + "' does not exist; available columns: "
          + String.join(", ", schema.fieldNames()));
    }
    DataType type = schema.apply(name).dataType();
    if (!ok.test(type)) {
      throw new IllegalArgumentException(
          "Column '" + name + "' must be " + kind + " column but is of type " + type.simpleString());
    }
  }

  /** Cached blocks, one per partition. */
  public JavaRDD<Block> blocks() {
    return blocks;
  }

  public BlockStats totals() {
    return totals;
  }

  public int numFeatures() {
    return totals.numFeatures;
  }

  public long numRows() {
    return totals.numRows;
  }

  /** Feature values stored per row, on average: what one SGD step on a row touches. */
  public double storedValuesPerRow() {
    return (double) totals.storedValues / totals.numRows;
  }

  public double weightSum() {
    return totals.weightSum;
  }

  /** Row count of each partition, in partition order. */
  public long[] partitionRows() {
    return partitionRows.clone();
  }

  @Override
  public void close() {
    built.unpersist(false);
  }
}
