package io.github.sparkasgd.optim;

import io.github.sparkasgd.bench.SparseRows;
import io.github.sparkasgd.data.Permutations;
import io.github.sparkasgd.data.SparseBlock;
import io.github.sparkasgd.objective.ElasticNet;
import io.github.sparkasgd.objective.LinearLayout;
import io.github.sparkasgd.objective.LinearObjective;
import io.github.sparkasgd.objective.LogisticLoss;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One logistic SGD pass over a block far larger than the caches (one worker's share of the RCV1-shaped
 * data: 320k rows, 75 nonzeros, Zipf feature frequencies), in nonzeros per second, by visiting order:
 * storage order (the bound), a full row-level shuffle, and {@link RowOrder}'s shuffled 64-row runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RowOrderBench {
  static final int ROWS = 320_000;
  static final int NNZ = 75;
  static final int FEATURES = 47_236;

  SparseBlock block;
  LocalSgd sgd;
  int[] storage;
  int[] shuffled;
  RowOrder runs;
  SplittableRandom random = new SplittableRandom(3);

  @Setup
  public void setup() {
    block = SparseRows.block(ROWS, NNZ, FEATURES, 1.1, 7);
    LinearLayout layout = new LinearLayout(1, FEATURES, true);
    sgd = new LocalSgd(new LinearObjective(layout, new LogisticLoss(), new ElasticNet(0, 0)),
        new double[layout.size()], true);
    storage = Permutations.identity(ROWS);
    shuffled = storage.clone();
    runs = new RowOrder(0, ROWS);
  }

  private double pass(int[] order) {
    double loss = 0;
    for (int i : order) {
      loss += sgd.step(block, i, 0.01, 1.0);
    }
    return loss;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * NNZ)
  public double storageOrder() {
    return pass(storage);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * NNZ)
  public double fullShuffle() {
    Permutations.shuffle(shuffled, random);
    return pass(shuffled);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * NNZ)
  public double shuffledRuns() {
    return pass(runs.shuffle(random));
  }
}
