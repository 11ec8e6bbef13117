package io.github.sparkasgd.data;

import io.github.sparkasgd.linalg.Kernels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a partition of {@code (features, label, weight)} rows once into a list of {@link Block}s,
 * validating every value. It reads Spark SQL's internal rows, the only class that does: building a
 * {@code Row} and a {@code SparseVector} per row (whose constructor boxes every index on Scala 2.12)
 * cost more than half of the block building time. Blocks are stored dense when at least
 * {@link #DENSE_FILL} of their cells are nonzero, since dense rows then cost less memory and vectorise
 * better than indexed ones.
 *
 * <p>Memory: rows go straight into paged buffers in the blocks' precision (no doubling arrays, no
 * second copy of the partition); each row is dealt into one of {@link #BUCKETS} buckets at random,
 * and each bucket (or run of small ones) becomes one block, its rows shuffled, while the others wait.
 * Peak memory is the partition's stored size plus about two buckets. The blocks together store the
 * rows in a uniformly random order, seeded per partition: SGD then visits runs of consecutive stored
 * rows (which the memory system streams) and is still fed rows in random order, whatever order the
 * input had (sorted by label, say).
 *
 * <p>Not thread-safe: one builder per partition task.
 */
public final class BlockBuilder {
  static final double DENSE_FILL = 0.3;
  /** Buckets rows are dealt into: a partition is finished one bucket at a time. */
  static final int BUCKETS = 64;
  /** Buckets are merged into one block until it holds about this many bytes. */
  static final long BLOCK_BYTES = 4L << 20;
  /** Moments this small are kept whatever the partition's size (a million features' worth). */
  static final long MOMENTS_BYTES_ALWAYS_KEPT = 24L << 20;

  private final InputSpec spec;
  private final int partition;
  private final SplittableRandom random;
  private final BlockStats stats = new BlockStats();
  private StagedRows[] buckets;
  private boolean stagingDense;
  private ValuePrecision stagingPrecision;
  private long nonzeros;
  /** The input's moments, summed while reading when the fit scales its features; else null. */
  private ColumnMoments moments;
  /** One row's indices and values, reused from row to row (the arrays grow, never shrink). */
  private int[] rowIndices = new int[64];
  private double[] rowValues = new double[64];

  /** @param partition the input partition's index; with the spec's seed it fixes the stored row order */
  public BlockBuilder(InputSpec spec, int partition) {
    this(spec, partition, false);
  }

  /**
   * @param sumMoments whether to sum the input's {@link ColumnMoments} while reading (see
   *     {@link BuiltPartition#moments()})
   */
  public BlockBuilder(InputSpec spec, int partition, boolean sumMoments) {
    this.spec = spec;
    this.partition = partition;
    this.random = new SplittableRandom(spec.seed() + 0x9E3779B97F4A7C15L * (partition + 1L));
    this.moments = sumMoments ? new ColumnMoments() : null;
  }

  /**
   * Builds and caches the blocks of each partition of {@code rows}, which holds the columns
   * (features vector, label double, weight double), with the input's values: any scaling is applied
   * to the cached blocks afterwards ({@link Block#applyScaling}), so the input is read once. Cached
   * blocks move to disk, in {@link BlockCodec}'s form, when storage memory runs short.
   *
   * @param sumMoments whether each partition sums the input's moments as it reads
   */
  public static JavaRDD<BuiltPartition> buildAll(Dataset<Row> rows, InputSpec spec, boolean sumMoments) {
    return rows.queryExecution().toRdd().toJavaRDD()
        .mapPartitionsWithIndex((p, it) -> List.of(new BlockBuilder(spec, p, sumMoments).build(it)).iterator(), false)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Reads rows until the input ends or the first invalid row (recorded in the stats). */
  public BuiltPartition build(Iterator<InternalRow> rows) {
    long rowIndex = 0;
    try {
      while (rows.hasNext()) {
        String problem = add(rows.next(), rowIndex);
        if (problem != null) {
          buckets = null;
          return new BuiltPartition(null, stats, null);
        }
        rowIndex++;
      }
      List<Block> blocks = finish();
      return new BuiltPartition(blocks, stats, keptMoments());
    } catch (OutOfMemoryError e) {
      // Caught here, where the memory is ours to drop: an executor that lets it escape dies, and in
      // local mode takes the application with it.
      long held = stagedBytes();
      buckets = null;
      throw new IllegalStateException(String.format(
          "Out of memory while building the training blocks of partition %d: its first %,d rows took %,d MB "
              + "and the heap allows %,d MB in all. Give executors more memory (spark.executor.memory; "
              + "spark.driver.memory in local mode) or split the input into more partitions.",
          partition, rowIndex, held >> 20, Runtime.getRuntime().maxMemory() >> 20), e);
    }
  }

  /**
   * The moments, unless keeping them beside the blocks would cost more than an eighth of the blocks'
   * memory (very wide, short partitions): those get theirs from a pass over the blocks.
   */
  private ColumnMoments keptMoments() {
    if (moments == null || moments.bytes() > Math.max(MOMENTS_BYTES_ALWAYS_KEPT, stats.storedBytes / 8)) {
      return null;
    }
    return moments;
  }

  private long stagedBytes() {
    long n = 0;
    if (buckets != null) {
      for (StagedRows b : buckets) {
        n += b == null ? 0 : b.allocatedBytes();
      }
    }
    return n;
  }

  /** Appends one row; returns non-null (and records the bad row) when the row is invalid. */
  private String add(InternalRow row, long rowIndex) {
    if (row.isNullAt(0)) {
      return fail(spec.featuresCol(), rowIndex, "features are null");
    }
    InternalRow vector = row.getStruct(0, VectorStruct.FIELDS);
    int size = VectorStruct.size(vector);
    if (size < 0) {
      return fail(spec.featuresCol(), rowIndex, "malformed vector value");
    }
    if (stats.numFeatures < 0) {
      stats.numFeatures = size;
    } else if (size != stats.numFeatures) {
      return fail(spec.featuresCol(), rowIndex,
          "vector has size " + size + " but earlier rows have size " + stats.numFeatures);
    }
    boolean sparseRow = vector.getByte(0) == VectorStruct.SPARSE;
    if (buckets == null) {
      // The first row fixes the staging form: dense input stages dense, so that staging costs what
      // the finished dense block will.
      buckets = new StagedRows[BUCKETS];
      stagingDense = !sparseRow;
      stagingPrecision = stagingDense && !Kernels.vectorized() ? ValuePrecision.FLOAT64 : spec.precision();
      if (moments != null) {
        moments.start(size);
      }
    }
    // Label and weight are read before the features, whose moments they weigh; they are checked after
    // them, so a row's first bad column (in column order) is the one reported.
    double label = row.isNullAt(1) ? 0.0 : row.getDouble(1);
    double weight = row.isNullAt(2) ? 0.0 : row.getDouble(2);
    StagedRows bucket = bucket();
    String featureProblem = sparseRow ? appendSparse(bucket, vector, size, weight) : appendDense(bucket, vector, weight);
    if (featureProblem != null) {
      return fail(spec.featuresCol(), rowIndex, featureProblem);
    }
    if (row.isNullAt(1)) {
      return fail(spec.labelCol(), rowIndex, "label is null");
    }
    String labelProblem = checkLabel(label);
    if (labelProblem != null) {
      return fail(spec.labelCol(), rowIndex, labelProblem);
    }
    if (row.isNullAt(2)) {
      return fail(spec.weightCol(), rowIndex, "weight is null");
    }
    if (!Double.isFinite(weight) || weight < 0) {
      return fail(spec.weightCol(), rowIndex, "weight must be finite and non-negative but is " + weight);
    }
    if (moments != null) {
      moments.addRow(weight, label);
    }
    bucket.labels.add(label);
    bucket.weights.add(weight);
    stats.numRows++;
    stats.weightSum += weight;
    stats.weightedLabelSum += weight * label;
    stats.weightedLabelSquareSum += weight * label * label;
    stats.maxLabel = Math.max(stats.maxLabel, label);
    if (spec.classification()) {
      stats.addClassWeight((int) label, weight);
    }
    return null;
  }

  /** The bucket the next row goes to: a uniformly random one (see the class comment). */
  private StagedRows bucket() {
    int b = random.nextInt(BUCKETS);
    if (buckets[b] == null) {
      buckets[b] = new StagedRows(stagingDense, stagingPrecision);
    }
    return buckets[b];
  }

  /** Makes the row scratch arrays hold at least {@code n} values. */
  private void reserveRow(int n) {
    if (rowValues.length < n) {
      int length = Math.max(n, 2 * rowValues.length);
      rowIndices = new int[length];
      rowValues = new double[length];
    }
  }

  private String appendDense(StagedRows bucket, InternalRow vector, double weight) {
    ArrayData array = vector.getArray(3);
    int d = array.numElements();
    reserveRow(d);
    double[] vals = rowValues;
    double probe = 0.0;
    int zeros = 0;
    for (int j = 0; j < d; j++) {
      double v = array.getDouble(j);
      probe += v - v; // stays 0 unless some v is NaN or infinite; one branch-free pass reads and checks
      zeros += v == 0.0 ? 1 : 0;
      vals[j] = v;
    }
    if (probe != 0.0) {
      return notFinite(null, vals, d);
    }
    if (moments != null) {
      moments.addDenseRow(vals, weight);
    }
    if (bucket.dense) {
      nonzeros += d - zeros;
      PagedArrays.addValues(bucket.values, vals, d);
      return null;
    }
    int length = 0;
    for (int j = 0; j < d; j++) {
      double v = vals[j];
      if (v != 0.0) {
        bucket.indices.add(j);
        PagedArrays.addValue(bucket.values, v);
        length++;
      }
    }
    bucket.lengths.add(length);
    nonzeros += length;
    return null;
  }

  /**
   * Copies a sparse vector, checking what {@code SparseVector}'s constructor would (increasing,
   * in-range indices) and that values are finite, in one pass that reads Spark's arrays straight into
   * the reused row arrays: per-row array copies, then a pass per check, were half of the build's time.
   */
  private String appendSparse(StagedRows bucket, InternalRow vector, int size, double weight) {
    ArrayData indexArray = vector.getArray(2);
    ArrayData valueArray = vector.getArray(3);
    int n = valueArray.numElements();
    reserveRow(n);
    int[] idx = rowIndices;
    double[] vals = rowValues;
    int previous = -1;
    boolean increasing = true;
    double probe = 0.0;
    int zeros = 0;
    for (int k = 0; k < n; k++) {
      int j = indexArray.getInt(k);
      double v = valueArray.getDouble(k);
      increasing &= j > previous; // branch-free checks: the JIT keeps the loop tight
      previous = j;
      probe += v - v;
      zeros += v == 0.0 ? 1 : 0;
      idx[k] = j;
      vals[k] = v;
    }
    if (!increasing || previous >= size) {
      previous = -1;
      for (int k = 0; k < n; k++) {
        int j = idx[k];
        if (j <= previous || j >= size) {
          return "feature index " + j + " is out of order or outside 0.." + (size - 1);
        }
        previous = j;
      }
    }
    if (probe != 0.0) {
      return notFinite(idx, vals, n);
    }
    if (moments != null) {
      moments.addSparseRow(idx, vals, n, weight);
    }
    if (bucket.dense) {
      int k = 0;
      for (int j = 0; j < size; j++) {
        double v = k < n && idx[k] == j ? vals[k++] : 0.0;
        nonzeros += v != 0.0 ? 1 : 0;
        PagedArrays.addValue(bucket.values, v);
      }
      return null;
    }
    if (zeros == 0) {
      // The usual case, copied in bulk: per-value appends were a third of the build's time.
      bucket.indices.addAll(idx, n);
      PagedArrays.addValues(bucket.values, vals, n);
      bucket.lengths.add(n);
      nonzeros += n;
      return null;
    }
    int length = 0;
    for (int k = 0; k < n; k++) {
      if (vals[k] != 0.0) {
        bucket.indices.add(idx[k]);
        PagedArrays.addValue(bucket.values, vals[k]);
        length++;
      }
    }
    bucket.lengths.add(length);
    nonzeros += length;
    return null;
  }

  /** The problem with the first value that is not finite among {@code vals[0 .. n)}. */
  private static String notFinite(int[] idx, double[] vals, int n) {
    for (int k = 0; k < n; k++) {
      if (!Double.isFinite(vals[k])) {
        return "feature " + (idx == null ? k : idx[k]) + " is " + vals[k] + " (features must be finite)";
      }
    }
    throw new IllegalStateException("no value is infinite or NaN");
  }

  private String checkLabel(double label) {
    if (!Double.isFinite(label)) {
      return "label is " + label + " (labels must be finite)";
    }
    if (!spec.classification()) {
      return null;
    }
    if (label < 0 || label != Math.rint(label)) {
      return "label " + label + " is not a class index (a whole number >= 0)";
    }
    if (spec.numClasses() > 0 && label >= spec.numClasses()) {
      return "label " + label + " is outside 0.." + (spec.numClasses() - 1)
          + ", the classes declared (by the column's metadata, or an MLP's output layer)";
    }
    if (label >= InputSpec.MAX_CLASSES) {
      return "label " + label + " exceeds the supported number of classes " + InputSpec.MAX_CLASSES;
    }
    return null;
  }

  private String fail(String column, long rowIndex, String problem) {
    stats.badRow = new BadRow(column, rowIndex, problem);
    return problem;
  }

  /**
   * Turns the buckets into blocks, one group of buckets at a time (each group's staging is dropped as
   * soon as its block exists), in bucket order: the rows' order stays the seeded random one.
   */
  private List<Block> finish() {
    List<Block> blocks = new ArrayList<>();
    int d = Math.max(stats.numFeatures, 0);
    long n = stats.numRows;
    if (buckets == null || n == 0) {
      return blocks;
    }
    boolean dense = d > 0 && nonzeros >= DENSE_FILL * n * (double) d;
    // Float dense rows are fast only on the JDK's vector module (plain loops that widen floats do not
    // vectorise: 2.7x slower per Fashion-MNIST row than netlib on doubles); without it, keep double.
    ValuePrecision denseOut = Kernels.vectorized() ? spec.precision() : ValuePrecision.FLOAT64;
    BlockAssembly assembly = new BlockAssembly(d, stagingPrecision, denseOut, dense);
    List<StagedRows> group = new ArrayList<>();
    long groupBytes = 0;
    for (int b = 0; b < BUCKETS; b++) {
      StagedRows bucket = buckets[b];
      buckets[b] = null;
      if (bucket == null || bucket.numRows() == 0) {
        continue;
      }
      group.add(bucket);
      groupBytes += assembly.finishedBytes(bucket);
      if (groupBytes >= BLOCK_BYTES) {
        blocks.add(assembly.assemble(group, random));
        group.clear();
        groupBytes = 0;
      }
    }
    if (!group.isEmpty()) {
      blocks.add(assembly.assemble(group, random));
    }
    buckets = null;
    for (Block block : blocks) {
      stats.storedValues += block.storedValues();
      stats.storedBytes += block.bytes();
      stats.sparseBlocks += block.isSparse() ? 1 : 0;
    }
    return blocks;
  }
}
