package io.github.sparkasgd.exchange;

import java.util.List;

/**
 * One message of the exchange protocol.
 *
 * @param fitId identifies the fit (and its endpoint); messages of another fit are rejected
 * @param stageId Spark stage of the sending task
 * @param stageAttempt Spark stage attempt of the sending task; older attempts are rejected
 * @param worker the worker slot (partition index)
 * @param taskAttempt the task attempt number within the stage attempt
 * @param seq per-attempt message sequence number
 * @param clock the sender's exchange count (worker clock for the staleness bound)
 * @param flags {@link #STOP} and friends
 * @param lossSum weighted loss of the rows stepped on since the last exchange
 * @param lossWeight total weight of those rows
 * @param examples rows stepped on since the last exchange
 * @param vectors payload: model-sized vectors (a delta, a state, a model, deposited states)
 */
public record Frame(
    MessageType type,
    long fitId,
    int stageId,
    int stageAttempt,
    int worker,
    int taskAttempt,
    long seq,
    long clock,
    int flags,
    double lossSum,
    double lossWeight,
    long examples,
    List<WeightVector> vectors) {

  /** Driver to worker: stop training and finish. */
  public static final int STOP = 1;

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
