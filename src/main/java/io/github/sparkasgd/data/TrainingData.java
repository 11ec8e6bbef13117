package io.github.sparkasgd.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
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
  private final JavaRDD<Block> rawBlocks;
  private Broadcast<FeatureScaling> scalingBroadcast;
  private final BlockStats totals;
  private final List<BlockStats> partitionStats;
  private final boolean rowsDealt;
  private final long[] partitionRows;
  private FeatureScaling scaling = FeatureScaling.identity();
  private final List<Block> sample;
  /** The input's moments, summed while building; null when not asked for or not kept (see {@link BlockBuilder}). */
  private final ColumnMoments builtMoments;

  /** Rows {@link #sample()} holds at most (about). */
  public static final int SAMPLE_ROWS = 2048;
  /** Stored values {@link #sample()} holds at most: 32 MB of doubles, whatever the rows' width. */
  static final long SAMPLE_VALUES = 1L << 22;

  private TrainingData(JavaRDD<BuiltPartition> built, BlockStats totals, List<BlockStats> partitionStats,
      long[] partitionRows, List<Block> sample, ColumnMoments builtMoments, boolean rowsDealt) {
    this.builtMoments = builtMoments;
    this.built = built;
    this.partitionStats = partitionStats;
    this.rowsDealt = rowsDealt;
    this.rawBlocks = built.flatMap(b -> b.blocks().iterator());
    this.totals = totals;
    this.partitionRows = partitionRows;
    this.sample = sample;
  }

  /**
   * What the job after the build gathers: each partition's statistics and head block, in partition
   * order, and the sum of their moments (null unless every partition kept its own).
   */
  private static final class BuildSummary implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final java.util.TreeMap<Integer, BlockStats> stats = new java.util.TreeMap<>();
    final java.util.TreeMap<Integer, Block> heads = new java.util.TreeMap<>();
    ColumnMoments moments;

    static BuildSummary of(int partition, BuiltPartition b, int headRows) {
      BuildSummary s = new BuildSummary();
      s.stats.put(partition, b.stats());
      if (b.blocks() != null && !b.blocks().isEmpty()) {
        s.heads.put(partition, head(b.blocks().get(0), headRows));
      }
      s.moments = b.moments();
      return s;
    }

    BuildSummary merge(BuildSummary o) {
      stats.putAll(o.stats);
      heads.putAll(o.heads);
      moments = moments != null && o.moments != null ? moments.merge(o.moments) : null;
      return this;
    }
  }

  /**
   * The block's first {@code rows} rows (a uniform sample: blocks store rows in random order), fewer
   * when they would hold more than this partition's share of {@link #SAMPLE_VALUES}.
   */
  private static Block head(Block block, int rows) {
    double valuesPerRow = Math.max(1.0, block.storedValues() / Math.max(1.0, block.numRows()));
    double valueBudget = (double) SAMPLE_VALUES * rows / SAMPLE_ROWS;
    return block.head((int) Math.max(1, Math.min(rows, valueBudget / valuesPerRow)));
  }

  /**
   * Reads, validates and caches the dataset.
   *
   * @throws IllegalArgumentException naming the column and the first bad row (0-based, in the order
   *     of the input's partitions) when any value is invalid, a column is missing or of the wrong
   *     type, or the dataset is empty
   */
  public static TrainingData build(Dataset<?> dataset, InputSpec spec) {
    return build(dataset, spec, ScalingRequest.NONE);
  }

  /**
   * Reads, validates and caches the dataset, storing values scaled as {@code request} asks; a request
   * for any scaling costs one extra pass over the input, which computes the columns' moments.
   *
   * @throws IllegalArgumentException as {@link #build(Dataset, InputSpec)}
   */
  public static TrainingData build(Dataset<?> dataset, InputSpec spec, ScalingRequest request) {
    StructType schema = dataset.schema();
    requireColumn(schema, spec.featuresCol(), "a vector", SQLDataTypes.VectorType()::equals);
    // Unlabelled input reads a literal 0 label: every block's label column is then one constant
    // (ScalarColumn stores no per-row value for it), and the blocks' layout stays the same for all models.
    Column label = lit(0.0);
    if (spec.hasLabelCol()) {
      requireColumn(schema, spec.labelCol(), "numeric", t -> t instanceof NumericType);
      label = col(spec.labelCol()).cast("double");
    }
    Column weight = lit(1.0);
    if (spec.hasWeightCol()) {
      requireColumn(schema, spec.weightCol(), "numeric", t -> t instanceof NumericType);
      weight = col(spec.weightCol()).cast("double");
    }
    Dataset<Row> rows = dataset.select(
        col(spec.featuresCol()), label, weight);
    int partitions = rows.rdd().getNumPartitions();
    boolean resize = spec.numWorkers() > 0 && spec.numWorkers() != partitions;
    TrainingData data = buildBlocks(resize ? dealt(rows, spec.numWorkers()) : rows, spec, resize, request.any());
    if (spec.spreadRows() && !resize && partitions > 1 && !PartitionBalance.looksRandom(data.partitionStats, data.totals, spec)) {
      // The partitions' labels show the input is sorted or partitioned by label: deal the rows out.
      // Paid only then; a shuffle of the whole input costs more than building the blocks.
      data.close();
      data = buildBlocks(dealt(rows, partitions), spec, true, request.any());
    }
    if (request.any()) {
      try {
        data.scale(request);
      } catch (RuntimeException e) {
        data.close();
        throw e;
      }
    }
    return data;
  }

  /** Round robin: each partition gets every k-th row, whatever order the input had. */
  private static Dataset<Row> dealt(Dataset<Row> rows, int partitions) {
    return rows.repartition(partitions);
  }

  /**
   * Decides the scaling from the moments the build summed (or, where it did not keep them, from one
   * pass over the cached blocks, in memory, not the input). The blocks themselves are scaled in place
   * by the first job that reads them through {@link #blocks()}, with no job of its own; blocks that
   * Spark had moved to disk are scaled again whenever they are read back.
   */
  private void scale(ScalingRequest request) {
    ColumnMoments moments = builtMoments != null ? builtMoments : ColumnMoments.of(rawBlocks);
    FeatureScaling s = moments.scaling(request, totals.sparseBlocks() == 0);
    scaling = s;
    scalingBroadcast = JavaSparkContext.fromSparkContext(built.context()).broadcast(s);
    sample.forEach(block -> block.applyScaling(s));
  }

  private static TrainingData buildBlocks(Dataset<Row> rows, InputSpec spec, boolean dealt, boolean sumMoments) {
    JavaRDD<BuiltPartition> built = BlockBuilder.buildAll(rows, spec, sumMoments);
    int perPartition = (SAMPLE_ROWS + built.getNumPartitions() - 1) / built.getNumPartitions();
    try {
      // The job that gathers the partitions' statistics brings each block's head along (the sample
      // step size searches run on) and sums the moments on the executors, with no job of their own.
      BuildSummary summary = built.mapPartitionsWithIndex((p, it) -> List.of(
          BuildSummary.of(p, it.next(), perPartition)).iterator(), false).treeReduce(BuildSummary::merge);
      List<BlockStats> stats = List.copyOf(summary.stats.values());
      long[] partitionRows = new long[stats.size()];
      BlockStats totals = validate(stats, spec, partitionRows);
      List<Block> sample = summary.heads.values().stream().filter(h -> h.numRows() > 0).toList();
      return new TrainingData(built, totals, stats, partitionRows, sample, summary.moments, dealt);
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

  /** Cached blocks: each partition's rows as one or more blocks, in their stored (random) order. */
  public JavaRDD<Block> blocks() {
    Broadcast<FeatureScaling> b = scalingBroadcast;
    return b == null ? rawBlocks : rawBlocks.map(block -> block.applyScaling(b.value()));
  }

  /**
   * About {@link #SAMPLE_ROWS} rows drawn uniformly from the partitions (blocks store rows in random
   * order, so each contributed its first ones, about equally many), gathered while the data was
   * validated: what step size searches try their candidates on.
   */
  public List<Block> sample() {
    return sample;
  }

  /** How stored values relate to the input's; the identity unless scaling was requested. */
  public FeatureScaling scaling() {
    return scaling;
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

  /**
   * Whether the rows were dealt out over the partitions (round robin) instead of trained where the
   * input has them: when a worker count was asked for, or when a solver that assumes randomly assigned
   * rows met partitions whose labels are not (see {@link PartitionBalance}).
   */
  public boolean rowsDealt() {
    return rowsDealt;
  }

  /** Row count of each partition, in partition order. */
  public long[] partitionRows() {
    return partitionRows.clone();
  }

  @Override
  public void close() {
    built.unpersist(false);
    if (scalingBroadcast != null) {
      scalingBroadcast.destroy();
    }
  }
}
