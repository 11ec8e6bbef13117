package io.github.sparkasgd.exchange;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

/**
 * The driver's side of an async fit, as plain single-threaded logic: validates every frame (fit,
 * worker, attempt, sizes, finite values), applies pushes through the {@link ExchangePolicy} and
 * holds replies as its {@link ConsistencyRule} says (which may also keep pushes for a round, or drop
 * late ones), tracks the objective from the workers' loss reports and decides when to stop. The transport calls {@link #handle} and {@link #taskEnded} from
 * one thread only.
 */
public final class ExchangeServer {
  private final long fitId;
  private final ExchangePolicy policy;
  private final FrameCodec codec;
  private final ConsistencyRule consistency;
  private final boolean stalenessAwareStep;
  private final long rowsPerEpoch;
  private final ToDoubleFunction<double[]> penalty;
  private final DoublePredicate epochObjective;
  private final double timeBudgetSeconds;
  private final long startNanos;

  private final long[] clocks;
  private final boolean[] live;
  private final int[] stageId;
  private final int[] stageAttempt;
  private final int[] taskAttempt;
  private final double[] workerWeight;
  private final long[] workerSteps;
  private final Consumer<byte[]>[] pending;
  private final ExchangeStats stats = new ExchangeStats();

  private long examplesInEpoch;
  private double lossSum;
  private double lossWeight;
  private boolean stopping;
  private String failure;
  private boolean diverged;

  /**
   * @param staleness -1 fully asynchronous, 0 bulk synchronous, s: at most s clocks ahead of the slowest live worker
   * @param rowsPerEpoch rows of the whole dataset; the objective is recorded each time this many were stepped on
   * @param epochObjective records an epoch's objective and answers whether training has converged
   * @param timeBudgetSeconds stop after this long (0: no budget)
   */
  public ExchangeServer(long fitId, int numWorkers, ExchangePolicy policy, FrameCodec codec, int staleness,
      boolean stalenessAwareStep, long rowsPerEpoch, ToDoubleFunction<double[]> penalty,
      DoublePredicate epochObjective, double timeBudgetSeconds, long startNanos) {
    this(fitId, numWorkers, policy, codec, new StalenessBound(staleness), stalenessAwareStep, rowsPerEpoch,
        penalty, epochObjective, timeBudgetSeconds, startNanos);
  }

  /** As above, with any consistency rule. */
  @SuppressWarnings("unchecked")
  public ExchangeServer(long fitId, int numWorkers, ExchangePolicy policy, FrameCodec codec,
      ConsistencyRule consistency, boolean stalenessAwareStep, long rowsPerEpoch,
      ToDoubleFunction<double[]> penalty, DoublePredicate epochObjective, double timeBudgetSeconds,
      long startNanos) {
    this.fitId = fitId;
    this.policy = policy;
    this.codec = codec;
    this.consistency = consistency;
    this.stalenessAwareStep = stalenessAwareStep;
    this.rowsPerEpoch = Math.max(1, rowsPerEpoch);
    this.penalty = penalty;
    this.epochObjective = epochObjective;
    this.timeBudgetSeconds = timeBudgetSeconds;
    this.startNanos = startNanos;
    this.clocks = new long[numWorkers];
    this.live = new boolean[numWorkers];
    this.stageId = new int[numWorkers];
    this.stageAttempt = new int[numWorkers];
    this.taskAttempt = new int[numWorkers];
    this.workerWeight = new double[numWorkers];
    this.workerSteps = new long[numWorkers];
    java.util.Arrays.fill(stageAttempt, -1);
    this.pending = new Consumer[numWorkers];
  }

  /** Handles one request; {@code reply} is called now or, for a held push, later. Never throws. */
  public void handle(byte[] request, Consumer<byte[]> reply) {
    Frame f;
    try {
      f = codec.decode(request);
    } catch (FrameFormatException e) {
      reject(reply, 0);
      return;
    }
    stats.bytesIn += request.length;
    int w = f.worker();
    if (f.fitId() != fitId || w < 0 || w >= clocks.length) {
      reject(reply, w);
      return;
    }
    // Before the request is handled, so that a budget spent by now stops a registering worker at once.
    checkTimeBudget();
    switch (f.type()) {
      case REGISTER -> register(f, reply);
      case PUSH -> push(f, reply);
      case FINISH -> finish(f, reply);
      default -> reject(reply, w);
    }
    releaseReady();
  }

  /** A task attempt ended (from Spark's listener): if it is the worker's current one, it is no longer live. */
  public void taskEnded(int stage, int worker, int attemptOfStage, int task) {
    if (worker >= 0 && worker < clocks.length && stageId[worker] == stage
        && stageAttempt[worker] == attemptOfStage && taskAttempt[worker] == task) {
      live[worker] = false;
      pending[worker] = null;
      policy.onWorkerStopped(worker);
      consistency.onStopped(worker, false, policy);
      releaseReady();
    }
  }

  /** Lets the server act on time alone (the time budget) when no message arrives. */
  public void tick() {
    checkTimeBudget();
    releaseReady();
  }

  private void register(Frame f, Consumer<byte[]> reply) {
    int w = f.worker();
    if (isOlder(f, w)) {
      reject(reply, w);
      return;
    }
    stageId[w] = f.stageId();
    stageAttempt[w] = f.stageAttempt();
    taskAttempt[w] = f.taskAttempt();
    pending[w] = null;
    if (policy.finished(w)) {
      // A finished worker's new attempt (a retried barrier stage) has nothing left to do: its final
      // state is recorded, and training it again would count its rows twice.
      send(reply, w, MessageType.MODEL, policy.onRegister(w), Frame.STOP, workerSteps[w]);
      return;
    }
    long slowest = slowestLiveClock();
    if (slowest != Long.MAX_VALUE && clocks[w] < slowest) {
      // A worker that starts late (or an attempt that replaces a lost one) joins at the round the
      // running workers are in: it starts from the current model, and counting it from round 0 would
      // hold every other worker for rounds it never needs to catch up on (the bound is kept between
      // running workers, as the staleness param says).
      clocks[w] = slowest;
    }
    live[w] = true;
    consistency.onRegister(w);
    // The reply carries the steps recorded for this worker, so that a retried attempt resumes at its
    // epoch and step size instead of training maxIter epochs again from the initial step size. Its
    // weight in the final average keeps counting the earlier attempts' rows, which its state holds.
    send(reply, w, MessageType.MODEL, policy.onRegister(w), 0, workerSteps[w]);
  }

  private void push(Frame f, Consumer<byte[]> reply) {
    int w = f.worker();
    if (!isCurrent(f, w) || !live[w]) {
      reject(reply, w);
      return;
    }
    if (!allFinite(f.vectors()) || f.vectors().size() != 1) {
      diverge(w, "pushed");
      reject(reply, w);
      return;
    }
    long s = policy.staleness(w);
    stats.pushes++;
    stats.recordStaleness(s);
    boolean taken = consistency.take(w, f.vectors(), stalenessAwareStep ? 1.0 / (1.0 + s) : 1.0, policy);
    clocks[w]++;
    stats.recordClockLead(clocks[w] - slowestLiveClock());
    workerWeight[w] += f.lossWeight();
    workerSteps[w] += f.examples();
    trackObjective(f);
    if (taken) {
      pending[w] = reply;
    } else {
      send(reply, w, policy.reply(w)); // a late push: its worker continues from the current model
    }
  }

  private void finish(Frame f, Consumer<byte[]> reply) {
    int w = f.worker();
    if (!isCurrent(f, w)) {
      reject(reply, w);
      return;
    }
    if (f.vectors().size() != ExchangePolicy.FINISH_VECTORS) {
      reject(reply, w);
      return;
    }
    if (!allFinite(f.vectors())) {
      // Leaving the state out would return the other workers' (or the initial) weights as if all was well.
      diverge(w, "finished with");
      reject(reply, w);
      return;
    }
    if (policy.finished(w)) {
      send(reply, w, MessageType.ACK, List.of());
      return;
    }
    workerWeight[w] += f.lossWeight();
    workerSteps[w] += f.examples();
    policy.onFinish(w, f.vectors(), workerWeight[w]);
    trackObjective(f);
    live[w] = false;
    pending[w] = null;
    if (consistency.onStopped(w, true, policy)) {
      stopping = true;
    }
    send(reply, w, MessageType.ACK, List.of());
  }

  private void diverge(int w, String how) {
    if (failure == null) {
      failure = "worker " + w + " " + how + " non-finite weights";
    }
    diverged = true;
    stopping = true;
  }

  private void trackObjective(Frame f) {
    lossSum += f.lossSum();
    lossWeight += f.lossWeight();
    examplesInEpoch += f.examples();
    if (examplesInEpoch >= rowsPerEpoch && lossWeight > 0) {
      double objective = lossSum / lossWeight + penalty.applyAsDouble(policy.model());
      stats.recordSpread(policy.spread());
      examplesInEpoch -= rowsPerEpoch;
      lossSum = 0;
      lossWeight = 0;
      if (epochObjective.test(objective)) {
        stopping = true;
      }
    }
  }

  private void checkTimeBudget() {
    if (timeBudgetSeconds > 0 && (System.nanoTime() - startNanos) / 1e9 >= timeBudgetSeconds) {
      stopping = true;
    }
  }

  private long slowestLiveClock() {
    long slowest = Long.MAX_VALUE;
    for (int w = 0; w < clocks.length; w++) {
      if (live[w]) {
        slowest = Math.min(slowest, clocks[w]);
      }
    }
    return slowest;
  }

  private void releaseReady() {
    long slowest = slowestLiveClock();
    for (int w = 0; w < clocks.length; w++) {
      if (pending[w] != null && (stopping || consistency.mayRelease(w, clocks[w], slowest))) {
        Consumer<byte[]> reply = pending[w];
        pending[w] = null;
        send(reply, w, policy.reply(w));
      }
    }
  }

  private boolean isOlder(Frame f, int w) {
    return f.stageAttempt() < stageAttempt[w]
        || (f.stageAttempt() == stageAttempt[w] && f.taskAttempt() < taskAttempt[w]);
  }

  private boolean isCurrent(Frame f, int w) {
    return f.stageId() == stageId[w] && f.stageAttempt() == stageAttempt[w] && f.taskAttempt() == taskAttempt[w];
  }

  private static boolean allFinite(List<WeightVector> vectors) {
    for (WeightVector v : vectors) {
      for (double x : v.values()) {
        if (!Double.isFinite(x)) {
          return false;
        }
      }
    }
    return true;
  }

  private void send(Consumer<byte[]> reply, int w, List<WeightVector> vectors) {
    send(reply, w, MessageType.MODEL, vectors);
  }

  private void send(Consumer<byte[]> reply, int w, MessageType type, List<WeightVector> vectors) {
    send(reply, w, type, vectors, 0, 0);
  }

  private void send(Consumer<byte[]> reply, int w, MessageType type, List<WeightVector> vectors, int flags,
      long examples) {
    byte[] bytes = codec.encode(new Frame(type, fitId, stageId[w], stageAttempt[w], w, taskAttempt[w],
        0, clocks[w], flags | (stopping ? Frame.STOP : 0), 0, 0, examples, vectors));
    stats.bytesOut += bytes.length;
    reply.accept(bytes);
  }

  /**
   * A REJECT with STOP for any worker, safe to call from any thread (it reads only final fields):
   * what the endpoint answers when it closes or fails.
   */
  public byte[] stopReject() {
    return codec.encode(new Frame(MessageType.REJECT, fitId, 0, 0, 0, 0, 0, 0, Frame.STOP, 0, 0, 0, List.of()));
  }

  private void reject(Consumer<byte[]> reply, int w) {
    stats.rejected++;
    byte[] bytes = codec.encode(new Frame(MessageType.REJECT, fitId, 0, 0, w, 0, 0, 0, Frame.STOP, 0, 0, 0, List.of()));
    reply.accept(bytes);
  }

  public double[] model() {
    return policy.model();
  }

  /** Whether the worker's final state was recorded. */
  public boolean finished(int worker) {
    return policy.finished(worker);
  }

  /** The workers' final states averaged: see {@link ExchangePolicy#finalModel()}. */
  public double[] finalModel() {
    return policy.finalModel();
  }

  /** The workers' iterate averages averaged: see {@link ExchangePolicy#finalIterateAverage()}. */
  public double[] finalIterateAverage() {
    return policy.finalIterateAverage();
  }

  public long fitId() {
    return fitId;
  }

  public int numWorkers() {
    return clocks.length;
  }

  public FrameCodec codec() {
    return codec;
  }

  /** The fit's statistics; the final states' spread is read from the policy now. */
  public ExchangeStats stats() {
    stats.finalSpread = policy.finalSpread();
    stats.savedBytesOut = policy.savedBytes();
    consistency.report(stats);
    return stats;
  }

  /** Why the fit must fail, or null. */
  public String failure() {
    return failure;
  }

  /** Whether a worker's weights became non-finite: the fit must fail (the step size is too large). */
  public boolean diverged() {
    return diverged;
  }

  public boolean stopping() {
    return stopping;
  }

  public long clock(int worker) {
    return clocks[worker];
  }
}
