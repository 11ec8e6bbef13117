package io.github.sparkasgd.exchange;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Exchange statistics of one async fit: pushes, bytes each way, round-trip times (as the workers
 * measured them), how stale the pushes were, how far the workers' clocks and states drifted apart,
 * the largest message, and the examples the workers stepped on per second.
 * {@code stalenessHistogram()[b]} counts pushes whose staleness {@code s} has {@code b = 0} for
 * s = 0 and {@code b = floor(log2 s) + 1} otherwise.
 */
public final class ExchangeStats implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int BUCKETS = 32;

  long pushes;
  long bytesIn;
  long bytesOut;
  long savedBytesIn;
  long savedBytesOut;
  long rejected;
  long roundTrips;
  long examples;
  long peerBytes;
  long masterCalls;
  double workerSecondsMax;
  double roundTripSecondsSum;
  double roundTripSecondsMax;
  final long[] stalenessHistogram = new long[BUCKETS];
  long maxClockLead;
  int largestMessageBytes;
  double finalSpread = Double.NaN;
  long droppedPushes;
  long roundsWithoutAll;
  long[] roundSizes = new long[0];
  private double[] spreads = new double[8];
  private int spreadCount;

  /**
   * The traffic of a synchronous solver's rounds ({@code minibatch}): the partitions' messages as
   * pushes, bytes each way, and what the messages would have taken uncompressed.
   */
  public static ExchangeStats ofRounds(long messages, long bytesFromWorkers, long bytesToWorkers,
      long uncompressedBytesFromWorkers) {
    ExchangeStats s = new ExchangeStats();
    s.pushes = messages;
    s.bytesIn = bytesFromWorkers;
    s.bytesOut = bytesToWorkers;
    s.savedBytesIn = uncompressedBytesFromWorkers - bytesFromWorkers;
    return s;
  }

  void recordClockLead(long lead) {
    maxClockLead = Math.max(maxClockLead, lead);
  }

  void recordMessage(int bytes) {
    largestMessageBytes = Math.max(largestMessageBytes, bytes);
  }

  /** One point per epoch's worth of pushed rows; NaN (delta, or fewer than two workers pushed) is skipped. */
  void recordSpread(double spread) {
    if (Double.isNaN(spread)) {
      return;
    }
    if (spreadCount == spreads.length) {
      spreads = Arrays.copyOf(spreads, 2 * spreadCount);
    }
    spreads[spreadCount++] = spread;
  }

  void recordStaleness(long s) {
    int bucket = s <= 0 ? 0 : Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(s));
    stalenessHistogram[bucket]++;
  }

  /** Adds a worker's report: its steps, how long it stepped, and the round trips it measured. */
  public synchronized void addWorker(long workerExamples, double workerSeconds, long count, double secondsSum,
      double secondsMax, long savedPushBytes) {
    savedBytesIn += savedPushBytes;
    examples += workerExamples;
    workerSecondsMax = Math.max(workerSecondsMax, workerSeconds);
    roundTrips += count;
    roundTripSecondsSum += secondsSum;
    roundTripSecondsMax = Math.max(roundTripSecondsMax, secondsMax);
  }

  /** Adds what a gossip worker read from other executors and its calls to the block manager master. */
  public synchronized void addPeerTraffic(long bytes, long calls) {
    peerBytes += bytes;
    masterCalls += calls;
  }

  /**
   * Bytes the workers read from one another's executors (gossip's parameters), which never pass
   * through the driver; 0 for the other schemes.
   */
  public long bytesBetweenWorkers() {
    return peerBytes;
  }

  /**
   * Calls the workers made to Spark's block manager master in the driver (gossip: publishing a
   * round, looking a neighbour's up, dropping an old one): small messages that carry no parameters.
   */
  public long blockManagerMasterCalls() {
    return masterCalls;
  }

  /** Bytes through the driver's endpoint, both ways, per push (0 before any): what one exchange costs the driver. */
  public double driverBytesPerExchange() {
    return pushes == 0 ? 0.0 : (double) (bytesIn + bytesOut) / pushes;
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

  /** What the workers' messages would have taken without compression (equal to the bytes sent when it is off). */
  public long uncompressedBytesFromWorkers() {
    return bytesIn + savedBytesIn;
  }

  /** What the driver's messages would have taken without compression. */
  public long uncompressedBytesToWorkers() {
    return bytesOut + savedBytesOut;
  }

  /**
   * Uncompressed bytes over bytes sent, both ways together: 1 without compression. Uncompressed is
   * what this fit's messages would have taken in plain frames (the changes before compression,
   * sparse where that is smaller), not what an uncompressed fit would send.
   */
  public double compressionRatio() {
    long sent = bytesIn + bytesOut;
    return sent == 0 ? 1.0 : (double) (uncompressedBytesFromWorkers() + uncompressedBytesToWorkers()) / sent;
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

  /**
   * The workers' disagreement over the fit: the root mean square distance of the states they pushed
   * (each worker's latest) to their average, recorded once per dataset's worth of pushed rows
   * ({@code asgd} and {@code none}, which hold the workers' states; empty for {@code delta}).
   */
  public double[] spreadHistory() {
    return Arrays.copyOf(spreads, spreadCount);
  }

  /** The mean of {@link #spreadHistory()}, NaN when it is empty. */
  public double meanSpread() {
    if (spreadCount == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < spreadCount; i++) {
      sum += spreads[i];
    }
    return sum / spreadCount;
  }

  /**
   * The root mean square distance of the workers' final states to the fitted model (their weighted
   * average), any exchange; NaN when fewer than two workers finished with steps.
   */
  public double finalSpread() {
    return finalSpread;
  }

  /**
   * The most exchanges any worker was ahead of the slowest running worker when it pushed: at most
   * {@code staleness + 1} under a staleness bound.
   */
  public long maxClockLead() {
    return maxClockLead;
  }

  /** The largest single message that crossed the RPC connection, either way (chunks are messages). */
  public int largestMessageBytes() {
    return largestMessageBytes;
  }

  /**
   * Synchronous rounds ({@code backupWorkers}, or {@code staleness = 0} with {@code delta}): pushes
   * that arrived for a round already closed, so were not applied (their workers continued from the
   * current model). 0 otherwise.
   */
  public long droppedPushes() {
    return droppedPushes;
  }

  /**
   * Synchronous rounds: {@code roundSizes()[k]} counts the rounds applied with k pushes, up to the
   * largest k seen; empty without rounds.
   */
  public long[] roundSizes() {
    int last = roundSizes.length;
    while (last > 0 && roundSizes[last - 1] == 0) {
      last--;
    }
    return Arrays.copyOf(roundSizes, last);
  }

  /** Rounds applied so far, all sizes. */
  public long rounds() {
    long n = 0;
    for (long r : roundSizes) {
      n += r;
    }
    return n;
  }

  /**
   * Synchronous rounds that closed while some running worker had not pushed for them (the backups
   * left out); always 0 with {@code backupWorkers = 0}.
   */
  public long roundsWithoutAll() {
    return roundsWithoutAll;
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
        "examples=%d (%.0f/s) pushes=%d bytesIn=%d bytesOut=%d compression=%.2fx rejected=%d rtt(mean=%.4fs max=%.4fs) "
            + "staleness=%s maxClockLead=%d largestMessage=%d spread(mean=%.4g final=%.4g) betweenWorkers=%d "
            + "blockMasterCalls=%d", examples,
        examplesPerSecond(), pushes, bytesIn, bytesOut, compressionRatio(), rejected, meanRoundTripSeconds(), roundTripSecondsMax,
        Arrays.toString(stalenessHistogram()), maxClockLead, largestMessageBytes, meanSpread(), finalSpread, peerBytes,
        masterCalls)
        + (rounds() == 0 ? "" : String.format(java.util.Locale.ROOT, " rounds=%d sizes=%s withoutAll=%d dropped=%d",
            rounds(), Arrays.toString(roundSizes()), roundsWithoutAll, droppedPushes));
  }
}
