package io.github.sparkasgd.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The simulated link's delays, computed on a fake clock that only its sleeper advances. */
class SimulatedLinkTest {
  private static final double MEGABYTE_PER_SECOND = 8e6;
  private static final long MS = 1_000_000L;

  private final AtomicLong clock = new AtomicLong(5 * MS);
  private final List<Long> sleeps = new ArrayList<>();

  private SimulatedLink link(double bitsPerSecond, long latencyNanos, int replyBytes) {
    return new SimulatedLink((request, timeout) -> new byte[replyBytes], bitsPerSecond, latencyNanos, clock::get,
        nanos -> {
          sleeps.add(nanos);
          clock.addAndGet(nanos);
        });
  }

  @Test
  void eachMessageWaitsForItsBitsBeyondTheBucketDepth() {
    SimulatedLink link = link(MEGABYTE_PER_SECOND, 0, 3000);
    link.ask(new byte[5000], 1000);
    // An idle link's bucket is full (1,500 bytes): a message waits for the bytes beyond it, 1 us each.
    assertEquals(List.of(3_500_000L, 1_500_000L), sleeps);
    sleeps.clear();
    link.ask(new byte[5000], 1000);
    // Both buckets idled 5 ms since their last message (5,000 bytes' worth): refilled to their depth only.
    assertEquals(List.of(3_500_000L, 1_500_000L), sleeps);
  }

  @Test
  void aMessageSentDuringABacklogWaitsForTheMessagesBeforeIt() {
    TokenBucket bucket = new TokenBucket(MEGABYTE_PER_SECOND, 0, clock::get);
    assertEquals(4 * MS, bucket.take(4000));
    assertEquals(6 * MS, bucket.take(2000)); // nobody waited: 4 ms of backlog, then its own 2
    clock.addAndGet(5 * MS);
    assertEquals(MS, bucket.take(0));
    clock.addAndGet(10 * MS);
    assertEquals(MS, bucket.take(1000)); // a long idle does not bank credit beyond the depth (0 here)
  }

  @Test
  void latencyIsAddedEachWayAndRatesScaleTheDelays() {
    SimulatedLink slow = link(MEGABYTE_PER_SECOND / 10, 2 * MS, 1500 + 100_000);
    byte[] reply = slow.ask(new byte[1500 + 10_000], 1000);
    assertEquals(101_500, reply.length);
    assertEquals(List.of(2 * MS + 100 * MS, 2 * MS + 1000 * MS), sleeps);
    sleeps.clear();
    link(0, 3 * MS, 10).ask(new byte[1 << 20], 1000); // latency alone: no cap
    assertEquals(List.of(3 * MS, 3 * MS), sleeps);
  }

  @Test
  void unsetConfLeavesTheChannelItselfAndBadValuesAreRefused() {
    SparkRpc.Channel inner = (request, timeout) -> request;
    assertSame(inner, SimulatedLink.around(inner, new SparkConf(false)));
    SparkRpc.Channel capped = SimulatedLink.around(inner,
        new SparkConf(false).set(SimulatedLink.BITS_PER_SECOND_CONF, "1e9"));
    assertTrue(capped instanceof SimulatedLink);
    assertArrayEquals(new byte[] {1, 2}, capped.ask(new byte[] {1, 2}, 1000));
    for (String bad : new String[] {"-5", "fast", "NaN", "Infinity"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatedLink.Setting.of(
          new SparkConf(false).set(SimulatedLink.BITS_PER_SECOND_CONF, bad)));
      assertTrue(e.getMessage().contains(SimulatedLink.BITS_PER_SECOND_CONF) && e.getMessage().contains(bad),
          e.getMessage());
    }
  }
}
