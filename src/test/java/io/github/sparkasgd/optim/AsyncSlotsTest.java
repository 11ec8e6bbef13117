package io.github.sparkasgd.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class AsyncSlotsTest {
  private static final int UNBOUNDED = Integer.MAX_VALUE;

  @Test
  void staticClustersGetAtMostTheirSlots() {
    assertEquals(2, AsyncSlots.workers(8, 0, 2, false, UNBOUNDED), "the input's 8 partitions coalesced to 2 slots");
    assertEquals(3, AsyncSlots.workers(3, 0, 16, false, UNBOUNDED));
    assertEquals(2, AsyncSlots.workers(2, 2, 2, false, UNBOUNDED));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AsyncSlots.workers(4, 4, 2, false, UNBOUNDED));
    assertTrue(e.getMessage().contains("numWorkers = 4") && e.getMessage().contains("at most 2"), e.getMessage());
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> AsyncSlots.workers(4, 0, 0, false, UNBOUNDED));
    assertTrue(none.getMessage().contains("spark.task.cpus"), none.getMessage());
  }

  @Test
  void dynamicAllocationIsNotShrunkToTheExecutorsUpNow() {
    assertEquals(8, AsyncSlots.workers(8, 0, 2, true, UNBOUNDED), "not the 2 slots of the executors up now");
    assertEquals(8, AsyncSlots.workers(8, 8, 0, true, UNBOUNDED), "none up yet: waiting tasks make them come");
    assertEquals(6, AsyncSlots.workers(8, 0, 2, true, 6));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AsyncSlots.workers(8, 8, 2, true, 6));
    assertTrue(e.getMessage().contains(AsyncSlots.MAX_EXECUTORS), e.getMessage());
  }

  @Test
  void dynamicMaximumComesFromMaxExecutorsTimesExecutorCores() {
    SparkConf conf = new SparkConf(false);
    assertEquals(UNBOUNDED, AsyncSlots.dynamicMax(conf));
    conf.set(AsyncSlots.MAX_EXECUTORS, "3");
    assertEquals(UNBOUNDED, AsyncSlots.dynamicMax(conf), "executor cores unknown");
    conf.set("spark.executor.cores", "4").set("spark.task.cpus", "2");
    assertEquals(6, AsyncSlots.dynamicMax(conf));
  }
}
