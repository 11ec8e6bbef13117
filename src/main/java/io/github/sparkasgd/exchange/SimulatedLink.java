package io.github.sparkasgd.exchange;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.SparkConf;

/**
 * A testing setting for benchmarks: a worker's channel that carries its frames as if over a link of
 * a given rate (a token bucket each way: what the worker sends, and the replies it receives) and
 * one-way latency, since loopback hides what bytes cost. It counts our frames' bytes, not the RPC
 * envelope around them. Not thread-safe, like the channel it wraps: one exchange thread per task.
 */
public final class SimulatedLink implements SparkRpc.Channel {
  /** Spark conf key: the link's rate in bits per second each way (e.g. {@code 1e8}); unset: no cap. */
  public static final String BITS_PER_SECOND_CONF = "spark.asgd.simulatedLink.bitsPerSecond";
  /** Spark conf key: added to every message each way, a time string (e.g. {@code 2ms}); unset: none. */
  public static final String LATENCY_CONF = "spark.asgd.simulatedLink.latency";
  /** The bucket's depth: one Ethernet frame, so an idle link forwards nothing larger unpaced. */
  static final double DEPTH_BITS = 1500 * 8;

  /** Waits; injected so that tests check the delays without a clock of their own. */
  interface Sleeper {
    void sleep(long nanos);
  }

  private final SparkRpc.Channel inner;
  private final TokenBucket up;
  private final TokenBucket down;
  private final long latencyNanos;
  private final Sleeper sleeper;

  SimulatedLink(SparkRpc.Channel inner, double bitsPerSecond, long latencyNanos, LongSupplier nanoClock,
      Sleeper sleeper) {
    this.inner = inner;
    this.up = bitsPerSecond > 0 ? new TokenBucket(bitsPerSecond, DEPTH_BITS, nanoClock) : null;
    this.down = bitsPerSecond > 0 ? new TokenBucket(bitsPerSecond, DEPTH_BITS, nanoClock) : null;
    this.latencyNanos = latencyNanos;
    this.sleeper = sleeper;
  }

  /** The link a Spark conf asks for; {@link #off} where it sets neither key. */
  public record Setting(double bitsPerSecond, long latencyNanos) {
    public static Setting of(SparkConf conf) {
      String rate = conf.get(BITS_PER_SECOND_CONF, "0");
      double bitsPerSecond;
      try {
        bitsPerSecond = Double.parseDouble(rate);
      } catch (NumberFormatException e) {
        bitsPerSecond = Double.NaN;
      }
      long latencyNanos = TimeUnit.MILLISECONDS.toNanos(conf.getTimeAsMs(LATENCY_CONF, "0"));
      if (!(bitsPerSecond >= 0) || Double.isInfinite(bitsPerSecond) || latencyNanos < 0) {
        throw new IllegalArgumentException(BITS_PER_SECOND_CONF + " must be a positive number of bits per second "
            + "(unset: no cap) and " + LATENCY_CONF + " a time of at least 0, got " + rate + " and "
            + conf.get(LATENCY_CONF, "unset"));
      }
      return new Setting(bitsPerSecond, latencyNanos);
    }

    public boolean off() {
      return bitsPerSecond == 0 && latencyNanos == 0;
    }
  }

  /** {@code inner} behind the link {@code conf} sets, or {@code inner} itself when it sets none. */
  public static SparkRpc.Channel around(SparkRpc.Channel inner, SparkConf conf) {
    Setting link = Setting.of(conf);
    return link.off() ? inner : new SimulatedLink(inner, link.bitsPerSecond(), link.latencyNanos(), System::nanoTime,
        SimulatedLink::sleepNanos);
  }

  @Override
  public byte[] ask(byte[] request, long timeoutMillis) {
    pause(up, request.length);
    byte[] reply = inner.ask(request, timeoutMillis);
    pause(down, reply.length);
    return reply;
  }

  private void pause(TokenBucket bucket, int bytes) {
    long nanos = latencyNanos + (bucket == null ? 0 : bucket.take(bytes));
    if (nanos > 0) {
      sleeper.sleep(nanos);
    }
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted on the simulated link", e);
    }
  }
}
