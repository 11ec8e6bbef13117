package io.github.sparkasgd.exchange.gossip;

import io.github.sparkasgd.exchange.ExchangePolicy;
import io.github.sparkasgd.exchange.FinalStates;
import io.github.sparkasgd.exchange.WeightVector;
import java.util.List;

/**
 * The driver's half of gossip: no model, no relaying. Workers register from the initial model, push
 * their loss reports (for the objective and the stop rule) without parameters, and finish with
 * their final states and iterate averages, averaged into the fit's model as for the other schemes.
 * For the consensus distance it asks every running worker for its state once per epoch (each
 * {@link #spread()} call): the reply to its next push carries an empty vector, and its push after
 * that its state. {@link #spread()} returns the root mean square distance to their average of the
 * states sent for the previous ask, so the distance at an epoch is that of the states one exchange
 * after the epoch before.
 */
final class GossipPolicy implements ExchangePolicy {
  private final double[] initial;
  private final FinalStates finals;
  private final boolean[] running;
  private final boolean[] asked;
  private final boolean[] sent;
  private final double[][] states;
  private final WeightVector ask;

  GossipPolicy(double[] initialModel, int numWorkers) {
    this.initial = initialModel.clone();
    this.finals = new FinalStates(numWorkers);
    this.running = new boolean[numWorkers];
    this.asked = new boolean[numWorkers];
    this.sent = new boolean[numWorkers];
    this.states = new double[numWorkers][];
    this.ask = new WeightVector(initialModel.length, new int[0], new double[0]);
  }

  @Override
  public List<WeightVector> onRegister(int worker) {
    running[worker] = !finals.finished(worker);
    return List.of(WeightVector.dense(initial.clone()));
  }

  @Override
  public void onPush(int worker, List<WeightVector> payload, double scale) {
    WeightVector v = payload.get(0);
    if (!v.isSparse()) {
      if (states[worker] == null) {
        states[worker] = new double[initial.length];
      }
      v.copyInto(states[worker]);
      sent[worker] = true;
    }
  }

  @Override
  public List<WeightVector> reply(int worker) {
    if (asked[worker]) {
      asked[worker] = false;
      return List.of(ask);
    }
    return List.of();
  }

  @Override
  public void onFinish(int worker, List<WeightVector> payload, double weight) {
    finals.record(worker, payload.get(1).toDense(), payload.get(2).toDense(), weight);
    onWorkerStopped(worker);
  }

  @Override
  public void onWorkerStopped(int worker) {
    running[worker] = false;
    asked[worker] = false;
  }

  @Override
  public boolean finished(int worker) {
    return finals.finished(worker);
  }

  /** The consensus distance of the states sent since the last call (NaN below two), and a new ask. */
  @Override
  public double spread() {
    double distance = rootMeanSquareDistance();
    for (int w = 0; w < running.length; w++) {
      sent[w] = false;
      asked[w] = running[w];
    }
    return distance;
  }

  private double rootMeanSquareDistance() {
    double[] mean = mean(true);
    if (mean == null) {
      return Double.NaN;
    }
    int n = 0;
    double sum = 0;
    for (int w = 0; w < states.length; w++) {
      if (sent[w]) {
        n++;
        for (int i = 0; i < mean.length; i++) {
          double d = states[w][i] - mean[i];
          sum += d * d;
        }
      }
    }
    return Math.sqrt(sum / n);
  }

  /**
   * The mean of the states sent for the current ask (null below two), or with {@code sentNow} false of
   * each worker's latest state (null when none sent one).
   */
  private double[] mean(boolean sentNow) {
    int n = 0;
    double[] mean = new double[initial.length];
    for (int w = 0; w < states.length; w++) {
      if (sentNow ? sent[w] : states[w] != null) {
        n++;
        for (int i = 0; i < mean.length; i++) {
          mean[i] += states[w][i];
        }
      }
    }
    if (n < (sentNow ? 2 : 1)) {
      return null;
    }
    for (int i = 0; i < mean.length; i++) {
      mean[i] /= n;
    }
    return mean;
  }

  @Override
  public double finalSpread() {
    return finals.spread();
  }

  /** The workers' latest sampled states averaged (the initial model before any): the objective's penalty reads it. */
  @Override
  public double[] model() {
    double[] mean = mean(false);
    return mean != null ? mean : initial.clone();
  }

  @Override
  public double[] finalModel() {
    return finals.averageOr(this::model);
  }

  @Override
  public double[] finalIterateAverage() {
    return finals.iterateAverageOr(this::model);
  }

  @Override
  public long staleness(int worker) {
    return 0;
  }
}
