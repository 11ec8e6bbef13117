package io.github.sparkasgd.ml.classification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every solver trains the MLP on XOR-like data, which a linear model cannot fit. */
class MlpSolversTest {
  private static Dataset<Row> train;
  private static Dataset<Row> test;

  @BeforeAll
  static void data() {
    train = MlpTestData.xor(1, 4000, 3, 100.0, false, 2);
    test = MlpTestData.xor(2, 2000, 3, 100.0, false, 2);
  }

  @ParameterizedTest
  @CsvSource({"batch, delta, false", "minibatch, delta, false", "simuparallel, delta, false", "async, delta, false",
      "async, asgd, false", "async, delta, true", "simuparallel, delta, true"})
  void everySolverLearnsXor(String solver, String exchange, boolean sparse) {
    Dataset<Row> input = sparse ? MlpTestData.xor(1, 4000, 3, 100.0, true, 2) : train;
    SGDMultilayerPerceptronClassifier mlp = new SGDMultilayerPerceptronClassifier()
        .setLayers(new int[] {5, 16, 2}).setSolver(solver).setExchange(exchange).setSeed(3);
    if (solver.equals("async")) {
      // 31 steps a worker-epoch: the stop rule's 3-epoch window can end a fit on XOR's initial plateau
      // (seen once with asgd: 0.748 after 9 epochs), so async runs its 100 epochs (a second or two)
      mlp.setTol(0);
    }
    SGDMultilayerPerceptronClassificationModel model = mlp.fit(input);
    double accuracy = MlpTestData.accuracy(model.transform(test));
    assertTrue(accuracy >= 0.95, solver + "/" + exchange + ": accuracy " + accuracy + " after "
        + model.summary().totalIterations() + " iterations");
  }
}
