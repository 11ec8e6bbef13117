package io.github.sparkasgd.exchange;

import java.util.List;

/**
 * How pushes change the driver's state and what a worker gets back; selected by the {@code exchange}
 * param. Called only from the exchange server's single thread.
 */
public interface ExchangePolicy {

  /** What a (re)started worker starts from. */
  List<WeightVector> onRegister(int worker);

  /**
   * Applies a push.
   *
   * @param scale the staleness-aware factor for the pushed progress (1 when disabled)
   */
  void onPush(int worker, List<WeightVector> payload, double scale);

  /** The reply to a worker's released push. */
  List<WeightVector> reply(int worker);

  /**
   * A worker finished: {@code payload} is its last push (its final state for asgd, its last delta for
   * delta), its final state, then its iterate average; {@code weight} is the row weight it stepped on
   * since it registered.
   */
  void onFinish(int worker, List<WeightVector> payload, double weight);

  /** Whether the worker's final state is recorded (a later attempt of it then adds nothing). */
  boolean finished(int worker);

  /** Vectors a finish carries: the last push, the final state and the worker's iterate average. */
  int FINISH_VECTORS = 3;

  /**
   * The worker's task attempt ended (finished, failed or superseded): nothing should be sent its way
   * until it registers again.
   */
  default void onWorkerStopped(int worker) {}

  /**
   * The root mean square distance of the workers' current states to their average, or NaN where the
   * policy does not hold the workers' states (delta).
   */
  default double spread() {
    return Double.NaN;
  }

  /**
   * The root mean square distance of the recorded final states to their average (weighted as in
   * {@link #finalModel()}), or NaN when fewer than two workers finished with steps.
   */
  double finalSpread();

  /** The model as training goes (for the recorded objective). */
  double[] model();

  /**
   * The workers' final states averaged, weighted by the row weight each stepped on, so that a worker
   * with no rows adds nothing; {@link #model()} when none finished with steps.
   */
  double[] finalModel();

  /** As {@link #finalModel()}, over the workers' iterate averages instead of their final states. */
  double[] finalIterateAverage();

  /** Versions behind the newest state that the worker's last reply was (for the staleness histogram). */
  long staleness(int worker);

  /** What compressed replies saved against uncompressed ones, in bytes. */
  default long savedBytes() {
    return 0;
  }
}
