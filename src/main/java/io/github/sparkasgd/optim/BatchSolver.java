package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.objective.LinearObjective;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * MapReduce BATCH (seed 000, Alg. 1): every iteration each partition sums the gradient of its
 * rows at the broadcast weights, the sums meet on the driver through {@code treeReduce}, and the
 * driver takes one proximal gradient step with the scheduled step size.
 */
public final class BatchSolver implements Solver {
  public static final String NAME = "batch";
  private static final int LOSS = 0;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TrainingResult solve(TrainingData data, SolverConfig config, double[] initialWeights,
      TrainingHistory history) {
    LinearObjective objective = config.objective();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.blocks().context());
    double[] w = initialWeights.clone();
    double weightSum = data.weightSum();
    int iterations = 0;
    while (iterations < config.maxIter()) {
      Broadcast<double[]> current = jsc.broadcast(w);
      VectorSum sum;
      try {
        sum = data.blocks().map(b -> gradient(objective, b, current.value())).treeReduce(VectorSum::merge);
      } finally {
        current.destroy();
      }
      history.record(sum.scalars[LOSS] / weightSum + objective.penalty().value(w, objective.layout()));
      double eta = config.schedule().step(config.stepSize(), iterations);
      for (int i = 0; i < w.length; i++) {
        w[i] -= eta * sum.vector[i] / weightSum;
      }
      objective.penalty().proxCoefficients(w, objective.layout(), eta);
      iterations++;
      if (history.converged(config.tol())) {
        break;
      }
    }
    return new TrainingResult(w, history, iterations);
  }

  /** Weighted loss sum and gradient sum of one block. */
  static VectorSum gradient(LinearObjective objective, Block block, double[] w) {
    int k = objective.layout().numOutputs();
    VectorSum sum = new VectorSum(w.length, 1);
    double[] margins = new double[k];
    double[] dMargins = new double[k];
    for (int row = 0; row < block.numRows(); row++) {
      double weight = block.weight(row);
      if (weight != 0.0) {
        sum.scalars[LOSS] += weight
            * objective.addRowGradient(block, row, weight, w, sum.vector, margins, dMargins);
      }
    }
    return sum;
  }
}
