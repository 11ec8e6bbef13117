package io.github.sparkasgd.exchange;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Exchange statistics of one async fit: pushes, bytes each way, round-trip times (as the workers
 * measured them), how stale the pushes were, and the examples the workers stepped on per second.
 * {@code stalenessHistogram()[b]} counts pushes whose staleness {@code s} has {@code b = 0} for
 * s = 0 and {@code b = floor(log2 s) + 1} otherwise.
 */
public final class ExchangeStats implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int BUCKETS = 32;

  long pushes;
  long bytesIn;
  long bytesOut;
  long rejected;
  long roundTrips;
  long examples;
  double workerSecondsMax;
  double roundTripSecondsSum;
  double roundTripSecondsMax;
  final long[] stalenessHistogram = new long[BUCKETS];

  void recordStaleness(long s) {
    int bucket = s <= 0 ? 0 : Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(s));
    stalenessHistogram[bucket]++;
  }

  /** Adds a worker's report: its steps, how long it stepped, and the round trips it measured. */
  public synchronized void addWorker(long workerExamples, double workerSeconds, long count, double secondsSum,
      double secondsMax) {
    examples += workerExamples;
    workerSecondsMax = Math.max(workerSecondsMax, workerSeconds);
    roundTrips += count;
    roundTripSecondsSum += secondsSum;
    roundTripSecondsMax = Math.max(roundTripSecondsMax, secondsMax);
  }

  /** SGD steps the workers took, all together. */
  public long examples() {
    return examples;
  }

  /** Steps per second of all workers together, over the longest worker's stepping time. */
  public double examplesPerSecond() {
    return workerSecondsMax == 0 ? 0.0 : examples / workerSecondsMax;
  }

  public long pushes() {
    return pushes;
  }

  public long bytesFromWorkers() {
    return bytesIn;
  }

  public long bytesToWorkers() {
    return bytesOut;
  }

  public long rejectedMessages() {
    return rejected;
  }

  public double meanRoundTripSeconds() {
    return roundTrips == 0 ? 0.0 : roundTripSecondsSum / roundTrips;
  }

  public double maxRoundTripSeconds() {
    return roundTripSecondsMax;
  }

  public long[] stalenessHistogram() {
    int last = BUCKETS;
    while (last > 1 && stalenessHistogram[last - 1] == 0) {
      last--;
    }
    return Arrays.copyOf(stalenessHistogram, last);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "examples=%d (%.0f/s) pushes=%d bytesIn=%d bytesOut=%d rejected=%d rtt(mean=%.4fs max=%.4fs) "
            + "staleness=%s", examples, examplesPerSecond(), pushes, bytesIn, bytesOut, rejected,
        meanRoundTripSeconds(), roundTripSecondsMax,
        Arrays.toString(stalenessHistogram()));
  }
}
