package io.github.sparkasgd.optim;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * How many async workers a fit gets: as many as can run at once, counted from the task slots that
 * really exist, never from {@code spark.default.parallelism} (which may name more partitions than
 * there are cores: a barrier stage then waits for slots that never come, and Spark retries that check
 * for minutes). A fit that cannot get the workers it asked for fails at once with a message naming
 * the setting to change.
 */
final class AsyncSlots {
  static final String DYNAMIC_ALLOCATION = "spark.dynamicAllocation.enabled";
  static final String MAX_EXECUTORS = "spark.dynamicAllocation.maxExecutors";

  private AsyncSlots() {}

  /**
   * Tasks that can run at once now: executors' cores over {@code spark.task.cpus} (in local mode the
   * local cores over it), as Spark's scheduler counts them for its own barrier-stage check. This is
   * {@code SparkContext.maxNumConcurrentTasks}, Spark-internal API (public in bytecode, on 3.5 and 4.1),
   * called here only.
   */
  static int now(SparkContext sc) {
    return sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
  }

  /**
   * Tasks that can run at once at most under dynamic allocation: {@code maxExecutors} executors of
   * {@code spark.executor.cores} cores each, over {@code spark.task.cpus}; unbounded when either is unset.
   */
  static int dynamicMax(SparkConf conf) {
    int taskCpus = conf.getInt("spark.task.cpus", 1);
    int maxExecutors = conf.getInt(MAX_EXECUTORS, Integer.MAX_VALUE);
    if (maxExecutors == Integer.MAX_VALUE || !conf.contains("spark.executor.cores")) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.min(Integer.MAX_VALUE, (long) maxExecutors * (conf.getInt("spark.executor.cores", 1) / taskCpus));
  }

  /**
   * The number of workers, or an exception naming the setting that asks for more than exists.
   *
   * @param partitions the blocks' partitions (the input's, or {@code numWorkers} when set)
   * @param requested the {@code numWorkers} param: 0 lets the fit coalesce the input to the slots
   * @param slotsNow tasks that can run at once now ({@link #now})
   * @param dynamic whether dynamic allocation is on: executors come when tasks wait for them
   * @param dynamicMax tasks that can run at once at most under dynamic allocation ({@link #dynamicMax})
   */
  static int workers(int partitions, int requested, int slotsNow, boolean dynamic, int dynamicMax) {
    if (dynamic) {
      if (requested > dynamicMax) {
        throw new IllegalArgumentException("numWorkers = " + requested + " asks for more concurrent async "
            + "workers than dynamic allocation can provide (" + dynamicMax + " task slots: " + MAX_EXECUTORS
            + " x spark.executor.cores / spark.task.cpus); lower numWorkers or raise " + MAX_EXECUTORS);
      }
      // Workers waiting for executors are what makes dynamic allocation request them; the fit is not
      // shrunk to the executors that happen to be up now.
      return Math.max(1, Math.min(partitions, dynamicMax));
    }
    if (slotsNow < 1) {
      throw new IllegalStateException("The async solver needs task slots to run its workers at once, and the "
          + "cluster has none now (no executor registered, or spark.task.cpus above every executor's cores)");
    }
    if (requested > slotsNow) {
      throw new IllegalArgumentException("numWorkers = " + requested + " asks for more concurrent async workers "
          + "than the cluster has task slots (" + slotsNow + ": executors' cores / spark.task.cpus); set numWorkers "
          + "to at most " + slotsNow + ", or to 0 to use every slot");
    }
    return Math.min(partitions, slotsNow);
  }
}
