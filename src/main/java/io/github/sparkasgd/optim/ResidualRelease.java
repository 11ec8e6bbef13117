package io.github.sparkasgd.optim;

import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The job that drops a fit's residuals ({@link ResidualStore}) on its executors: one task per
 * partition of the fit's cached blocks, scheduled where each block is cached (Spark prefers the
 * locations of a one-to-one parent's cached partitions), which is where that partition's tasks ran,
 * without reading the block (a block that had been evicted is not rebuilt for it).
 */
final class ResidualRelease extends RDD<Object> {
  private static final long serialVersionUID = 1L;
  private static final ClassTag<Object> OBJECT = ClassTag$.MODULE$.apply(Object.class);
  private final transient RDD<?> blocks;
  private final long fitId;

  private ResidualRelease(RDD<?> blocks, long fitId) {
    super(blocks, OBJECT);
    this.blocks = blocks;
    this.fitId = fitId;
  }

  /** Runs the job from the driver. */
  static void run(RDD<?> blocks, long fitId) {
    new ResidualRelease(blocks, fitId).count();
  }

  @Override
  @SuppressWarnings("unchecked") // an empty iterator (typed Nothing in Scala 2.12, generic in 2.13)
  public scala.collection.Iterator<Object> compute(Partition split, TaskContext context) {
    ResidualStore.release(fitId);
    return (scala.collection.Iterator<Object>) (scala.collection.Iterator<?>) scala.collection.Iterator$.MODULE$.empty();
  }

  @Override
  public Partition[] getPartitions() {
    return blocks.partitions();
  }
}
