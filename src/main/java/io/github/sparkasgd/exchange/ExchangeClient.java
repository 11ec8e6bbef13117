package io.github.sparkasgd.exchange;

import java.util.List;

/**
 * A worker task's side of the protocol: builds frames for its (stage, attempt), sends them with a
 * timeout and decodes the replies, measuring round trips. Not thread-safe: one exchange thread per task.
 */
public final class ExchangeClient {
  private final SparkRpc.Channel channel;
  private final FrameCodec codec;
  private final long fitId;
  private final int stageId;
  private final int stageAttempt;
  private final int worker;
  private final int taskAttempt;
  private final long timeoutMillis;
  private long seq;
  private long roundTrips;
  private double roundTripSum;
  private double roundTripMax;

  public ExchangeClient(SparkRpc.Channel channel, FrameCodec codec, long fitId, int stageId, int stageAttempt,
      int worker, int taskAttempt, long timeoutMillis) {
    this.channel = channel;
    this.codec = codec;
    this.fitId = fitId;
    this.stageId = stageId;
    this.stageAttempt = stageAttempt;
    this.worker = worker;
    this.taskAttempt = taskAttempt;
    this.timeoutMillis = timeoutMillis;
  }

  /** Thrown when the driver rejects this attempt: a newer one replaced it, or the fit is over. */
  public static final class RejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RejectedException(int worker) {
      super("the exchange endpoint rejected worker " + worker + "'s attempt");
    }
  }

  public Frame register() {
    return call(MessageType.REGISTER, 0, 0, 0, 0, List.of());
  }

  public Frame push(WeightVector payload, long clock, double lossSum, double lossWeight, long examples) {
    return call(MessageType.PUSH, clock, lossSum, lossWeight, examples, List.of(payload));
  }

  public void finish(List<WeightVector> payload, long clock, double lossSum, double lossWeight, long examples) {
    call(MessageType.FINISH, clock, lossSum, lossWeight, examples, payload);
  }

  private Frame call(MessageType type, long clock, double lossSum, double lossWeight, long examples,
      List<WeightVector> vectors) {
    byte[] request = codec.encode(new Frame(type, fitId, stageId, stageAttempt, worker, taskAttempt, seq++,
        clock, 0, lossSum, lossWeight, examples, vectors));
    long start = System.nanoTime();
    byte[] reply = channel.ask(request, timeoutMillis);
    double seconds = (System.nanoTime() - start) / 1e9;
    roundTrips++;
    roundTripSum += seconds;
    roundTripMax = Math.max(roundTripMax, seconds);
    Frame f = codec.decode(reply);
    if (f.type() == MessageType.REJECT) {
      throw new RejectedException(worker);
    }
    return f;
  }

  public long roundTrips() {
    return roundTrips;
  }

  public double roundTripSecondsSum() {
    return roundTripSum;
  }

  public double roundTripSecondsMax() {
    return roundTripMax;
  }
}
