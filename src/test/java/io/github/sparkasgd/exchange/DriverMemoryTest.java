package io.github.sparkasgd.exchange;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.util.SizeEstimator;
import org.junit.jupiter.api.Test;

/**
 * The driver's retained heap for a 2^22-feature binary async fit with 8 workers, measured on the
 * policy objects (Spark's SizeEstimator walks everything they reference) after every worker pushed
 * and finished.
 */
class DriverMemoryTest {
  private static final int SIZE = (1 << 22) + 1; // coefficients and intercept
  private static final int WORKERS = 8;
  private static final long MODEL_BYTES = 8L * SIZE;

  private static void run(ExchangePolicy policy) {
    double[] state = new double[SIZE];
    for (int w = 0; w < WORKERS; w++) {
      policy.onRegister(w);
    }
    for (int w = 0; w < WORKERS; w++) {
      state[w] = w + 1;
      policy.onPush(w, List.of(WeightVector.dense(state.clone())), 1.0);
      policy.reply(w);
    }
    for (int w = 0; w < WORKERS; w++) {
      WeightVector last = policy instanceof DeltaPolicy ? WeightVector.compact(new double[SIZE])
          : WeightVector.dense(state.clone());
      List<WeightVector> payload = List.of(last, WeightVector.dense(state.clone()), WeightVector.dense(state.clone()));
      policy.onFinish(w, payload, 100);
    }
  }

  @Test
  void deltaKeepsAFixedNumberOfModelSizedArraysWhateverTheWorkers() {
    DeltaPolicy policy = new DeltaPolicy(new double[SIZE], WORKERS);
    run(policy);
    long bytes = SizeEstimator.estimate(policy);
    System.out.printf("delta policy, d = 2^22 + 1, 8 workers: %d MB retained (%.1f model sizes)%n",
        bytes >> 20, (double) bytes / MODEL_BYTES);
    // model, per-coordinate version stamps, reply indices (ints) and values, the running sums of final
    // states and of iterate averages: 5.5 models. One final state kept per worker would add 8 more.
    assertTrue(bytes <= 6 * MODEL_BYTES, bytes + " bytes");
  }

  @Test
  void asgdKeepsOneStatePerWorkerAndItsMailboxes() {
    AsgdPolicy policy = new AsgdPolicy(new double[SIZE], WORKERS, 2, 1);
    run(policy);
    long bytes = SizeEstimator.estimate(policy);
    System.out.printf("asgd policy, d = 2^22 + 1, 8 workers, 2 buffers: %d MB retained (%.1f model sizes)%n",
        bytes >> 20, (double) bytes / MODEL_BYTES);
    // One state per worker, and the states deposited (each push deposits one, at most 2 per mailbox) not
    // yet collected; finished workers' states and iterate averages are summed, not kept: 8 + 8 + 2 here.
    assertTrue(bytes <= (2L * WORKERS + 2) * MODEL_BYTES + (1 << 20), bytes + " bytes");
  }
}
