package io.github.sparkasgd.bench;

import io.github.sparkasgd.data.SparseBlock;
import io.github.sparkasgd.objective.ElasticNet;
import io.github.sparkasgd.objective.HingeLoss;
import io.github.sparkasgd.objective.LinearLayout;
import io.github.sparkasgd.objective.LinearObjective;
import io.github.sparkasgd.objective.LogisticLoss;
import io.github.sparkasgd.optim.LocalSgd;
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
 * One pass of SGD over an RCV1-shaped sparse block (47,236 features, 75 nonzeros per row), scored
 * in nonzeros per second: {@link LocalSgd} (what simuparallel and every async thread run) against a
 * hand-inlined CSR loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SparseSgdBench {
  static final int ROWS = 10_000;
  static final int NNZ = 75;
  static final int FEATURES = 47_236;
  static final int TOTAL_NNZ = ROWS * NNZ;

  SparseBlock block;
  int[] indptr;
  int[] indices;
  double[] values;
  double[] labels;
  double[] w;
  SparseBlock compact;
  LocalSgd logistic;
  LocalSgd logisticL2;
  LocalSgd hinge;

  @Setup
  public void setup() {
    block = SparseRows.block(ROWS, NNZ, FEATURES, 0.0, 7);
    indptr = new int[ROWS + 1];
    for (int i = 0; i < ROWS; i++) {
      indptr[i + 1] = block.rowEnd(i);
    }
    indices = new int[TOTAL_NNZ];
    values = new double[TOTAL_NNZ];
    for (int k = 0; k < TOTAL_NNZ; k++) {
      indices[k] = block.index(k);
      values[k] = block.value(k);
    }
    compact = block.compact();
    labels = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      labels[i] = block.label(i);
    }
    LinearLayout layout = new LinearLayout(1, FEATURES, true);
    w = new double[layout.size()];
    logistic = new LocalSgd(new LinearObjective(layout, new LogisticLoss(), new ElasticNet(0, 0)),
        new double[layout.size()], true);
    logisticL2 = new LocalSgd(new LinearObjective(layout, new LogisticLoss(), new ElasticNet(0, 1e-4)),
        new double[layout.size()], true);
    hinge = new LocalSgd(new LinearObjective(layout, new HingeLoss(2), new ElasticNet(0, 0)),
        new double[layout.size()], true);
  }

  private static double pass(LocalSgd sgd, SparseBlock block) {
    double loss = 0;
    for (int i = 0; i < ROWS; i++) {
      loss += sgd.step(block, i, 0.01, 1.0);
    }
    return loss;
  }

  @Benchmark
  @OperationsPerInvocation(TOTAL_NNZ)
  public double logisticLocalSgd() {
    return pass(logistic, block);
  }

  /** The same pass over the block as stored by default: float values, 16-bit indices. */
  @Benchmark
  @OperationsPerInvocation(TOTAL_NNZ)
  public double logisticLocalSgdCompact() {
    return pass(logistic, compact);
  }

  @Benchmark
  @OperationsPerInvocation(TOTAL_NNZ)
  public double logisticL2LocalSgdCompact() {
    return pass(logisticL2, compact);
  }

  @Benchmark
  @OperationsPerInvocation(TOTAL_NNZ)
  public double logisticLazyL2LocalSgd() {
    double loss = pass(logisticL2, block);
    logisticL2.flush();
    return loss;
  }

  @Benchmark
  @OperationsPerInvocation(TOTAL_NNZ)
  public double hingeLocalSgd() {
    return pass(hinge, block);
  }

  /** The same logistic pass with nothing but arrays: the bound for {@link #logisticLocalSgd}. */
  @Benchmark
  @OperationsPerInvocation(TOTAL_NNZ)
  public double logisticBaseline() {
    double loss = 0;
    int b = FEATURES;
    for (int i = 0; i < ROWS; i++) {
      double m = w[b];
      for (int k = indptr[i]; k < indptr[i + 1]; k++) {
        m += values[k] * w[indices[k]];
      }
      double p = LogisticLoss.sigmoid(m);
      loss += LogisticLoss.log1pExp(m) - labels[i] * m;
      double g = 0.01 * (p - labels[i]);
      for (int k = indptr[i]; k < indptr[i + 1]; k++) {
        w[indices[k]] -= g * values[k];
      }
      w[b] -= g;
    }
    return loss;
  }
}
