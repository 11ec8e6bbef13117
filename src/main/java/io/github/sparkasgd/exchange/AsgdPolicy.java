package io.github.sparkasgd.exchange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Keuper and Pfreundt's ASGD (seed 000): every worker keeps its own state; a push deposits that
 * state into the mailbox of one random other worker (the driver relays, so workers need no ports),
 * and the reply hands the pusher what was deposited for it. A mailbox keeps at most
 * {@code capacity} states, newest winning: the paper's buffer data race, resolved. States go only to
 * workers that are running (registered, not finished, task not ended): one deposited for a worker
 * that will not push again would be lost to the fit. With {@code capacity} 0 nothing is relayed and
 * the workers train alone (the control for what the exchange does). The fit's model is the average
 * of the workers' final states, weighted by their steps.
 */
public final class AsgdPolicy implements ExchangePolicy {
  private final double[][] latest;
  private final List<ArrayDeque<WeightVector>> mailboxes = new ArrayList<>();
  private final int capacity;
  private final SplittableRandom random;
  private final long[] deposits;
  private final boolean[] running;
  private final boolean[] reported;
  private final FinalStates finals;
  private long totalDeposits;

  public AsgdPolicy(double[] initialModel, int numWorkers, int capacity, long seed) {
    this.latest = new double[numWorkers][];
    for (int w = 0; w < numWorkers; w++) {
      latest[w] = initialModel.clone();
      mailboxes.add(new ArrayDeque<>());
    }
    this.capacity = capacity;
    this.random = new SplittableRandom(seed);
    this.deposits = new long[numWorkers];
    this.running = new boolean[numWorkers];
    this.reported = new boolean[numWorkers];
    this.finals = new FinalStates(numWorkers);
  }

  @Override
  public List<WeightVector> onRegister(int worker) {
    mailboxes.get(worker).clear();
    running[worker] = !finals.finished(worker);
    return List.of(WeightVector.dense(latest[worker].clone()));
  }

  @Override
  public void onPush(int worker, List<WeightVector> payload, double scale) {
    WeightVector state = payload.get(0);
    state.copyInto(latest[worker]);
    reported[worker] = true;
    totalDeposits++;
    deposits[worker] = totalDeposits;
    if (capacity == 0) {
      return;
    }
    int target = randomRunningOther(worker);
    if (target < 0) {
      return;
    }
    ArrayDeque<WeightVector> box = mailboxes.get(target);
    if (box.size() == capacity) {
      box.removeFirst();
    }
    box.addLast(WeightVector.dense(latest[worker].clone()));
  }

  /** A uniformly drawn running worker other than {@code worker}, or -1 when there is none. */
  private int randomRunningOther(int worker) {
    int others = 0;
    for (int w = 0; w < running.length; w++) {
      if (running[w] && w != worker) {
        others++;
      }
    }
    if (others == 0) {
      return -1;
    }
    int pick = random.nextInt(others);
    for (int w = 0; w < running.length; w++) {
      if (running[w] && w != worker && pick-- == 0) {
        return w;
      }
    }
    throw new AssertionError();
  }

  @Override
  public void onWorkerStopped(int worker) {
    running[worker] = false;
    mailboxes.get(worker).clear();
  }

  @Override
  public double spread() {
    int n = 0;
    double[] mean = new double[latest[0].length];
    for (int w = 0; w < latest.length; w++) {
      if (reported[w]) {
        n++;
        for (int i = 0; i < mean.length; i++) {
          mean[i] += latest[w][i];
        }
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double sum = 0;
    for (int w = 0; w < latest.length; w++) {
      if (reported[w]) {
        for (int i = 0; i < mean.length; i++) {
          double d = latest[w][i] - mean[i] / n;
          sum += d * d;
        }
      }
    }
    return Math.sqrt(sum / n);
  }

  @Override
  public double finalSpread() {
    return finals.spread();
  }

  @Override
  public List<WeightVector> reply(int worker) {
    ArrayDeque<WeightVector> box = mailboxes.get(worker);
    List<WeightVector> out = new ArrayList<>(box);
    box.clear();
    return out;
  }

  @Override
  public void onFinish(int worker, List<WeightVector> payload, double weight) {
    if (finals.finished(worker)) {
      return;
    }
    payload.get(0).copyInto(latest[worker]);
    reported[worker] = true;
    finals.record(worker, latest[worker], payload.get(2).toDense(), weight);
    onWorkerStopped(worker);
  }

  @Override
  public boolean finished(int worker) {
    return finals.finished(worker);
  }

  @Override
  public double[] model() {
    double[] avg = new double[latest[0].length];
    for (double[] s : latest) {
      for (int i = 0; i < avg.length; i++) {
        avg[i] += s[i] / latest.length;
      }
    }
    return avg;
  }

  @Override
  public double[] finalModel() {
    double[] avg = finals.average();
    return avg != null ? avg : model();
  }

  @Override
  public double[] finalIterateAverage() {
    double[] avg = finals.iterateAverage();
    return avg != null ? avg : model();
  }

  @Override
  public long staleness(int worker) {
    return totalDeposits - deposits[worker];
  }
}
