package io.github.sparkasgd.optim;

import java.util.List;

/** The solvers selectable by the {@code solver} param. */
public final class Solvers {
  private Solvers() {}

  /** Param values, in the order the docs list them. */
  public static final List<String> NAMES =
      List.of(BatchSolver.NAME, MiniBatchSolver.NAME, SimuParallelSolver.NAME, AsyncSolver.NAME);

  /**
   * Whether the solver trains each partition on its own and so needs rows dealt out over the
   * partitions (seed 000 Alg. 3 line 2): on label-sorted input it would otherwise train single-class
   * workers. {@code batch} and {@code minibatch} combine every partition each step and need nothing.
   */
  public static boolean assumesRandomRows(String name) {
    return SimuParallelSolver.NAME.equals(name) || AsyncSolver.NAME.equals(name);
  }

  public static Solver forName(String name) {
    switch (name) {
      case BatchSolver.NAME:
        return new BatchSolver();
      case MiniBatchSolver.NAME:
        return new MiniBatchSolver();
      case SimuParallelSolver.NAME:
        return new SimuParallelSolver();
      case AsyncSolver.NAME:
        return new AsyncSolver();
      default:
        throw new IllegalArgumentException("Unknown solver '" + name + "'; expected one of " + NAMES);
    }
  }
}
