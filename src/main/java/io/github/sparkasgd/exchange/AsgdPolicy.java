package io.github.sparkasgd.exchange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Keuper and Pfreundt's ASGD (seed 000): every worker keeps its own state; a push deposits that
 * state into the mailbox of one random other worker (the driver relays, so workers need no ports),
 * and the reply hands the pusher what was deposited for it. A mailbox keeps at most
 * {@code capacity} states, newest winning: the paper's buffer data race, resolved. The fit's model
 * is the average of the workers' final states, weighted by their steps.
 */
public final class AsgdPolicy implements ExchangePolicy {
  private final double[][] latest;
  private final List<ArrayDeque<WeightVector>> mailboxes = new ArrayList<>();
  private final int capacity;
  private final SplittableRandom random;
  private final long[] deposits;
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
    this.finals = new FinalStates(numWorkers);
  }

  @Override
  public List<WeightVector> onRegister(int worker) {
    mailboxes.get(worker).clear();
    return List.of(WeightVector.dense(latest[worker].clone()));
  }

  @Override
  public void onPush(int worker, List<WeightVector> payload, double scale) {
    WeightVector state = payload.get(0);
    state.copyInto(latest[worker]);
    totalDeposits++;
    deposits[worker] = totalDeposits;
    int others = latest.length - 1;
    if (others == 0) {
      return;
    }
    int target = random.nextInt(others);
    if (target >= worker) {
      target++;
    }
    ArrayDeque<WeightVector> box = mailboxes.get(target);
    if (box.size() == capacity) {
      box.removeFirst();
    }
    box.addLast(WeightVector.dense(latest[worker].clone()));
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
    finals.record(worker, latest[worker], weight);
  }

  @Override
  public boolean finished(int worker) {
    return finals.finished(worker);
  }

  @Override
  public int finishVectors() {
    return 1;
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
  public long staleness(int worker) {
    return totalDeposits - deposits[worker];
  }

  @Override
  public int maxVectors() {
    return Math.max(1, capacity);
  }
}
