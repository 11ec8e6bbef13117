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

  /** The worker's final state (asgd) or last delta (delta) as it finishes. */
  void onFinish(int worker, List<WeightVector> payload);

  /** The fit's current model. */
  double[] model();

  /** Versions behind the newest state that the worker's last reply was (for the staleness histogram). */
  long staleness(int worker);

  /** Most vectors one frame of this policy carries. */
  int maxVectors();
}
