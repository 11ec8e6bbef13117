package io.github.sparkasgd.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.InputSpec;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.data.ValuePrecision;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KMeansObjective's steps on real blocks built from unlabelled rows. */
class KMeansObjectiveTest {
  /** Rows (0,0) x2 and (2,4) x2 at centres (0,0), (2,2) and a far (100,100) that no row is nearest to. */
  private static final double[] CENTRES = {0, 0, 2, 2, 100, 100};
  private static Block block;

  @BeforeAll
  static void data() {
    List<Row> rows = new ArrayList<>();
    for (double[] x : new double[][] {{0, 0}, {2, 4}, {0, 0}, {2, 4}}) {
      rows.add(RowFactory.create(Vectors.dense(x)));
    }
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), true); // no label column
    InputSpec spec = InputSpec.unlabelled("features", "", 0, 1, false, ValuePrecision.FLOAT64);
    try (TrainingData data = TrainingData.build(SparkTestSession.get().createDataFrame(rows, schema).coalesce(1), spec)) {
      block = data.sample().get(0);
    }
  }

  @Test
  void unlabelledBlocksHoldEveryRowWithLabelZero() {
    assertEquals(4, block.numRows());
    for (int r = 0; r < 4; r++) {
      assertEquals(0.0, block.label(r));
      assertEquals(1.0, block.weight(r));
    }
  }

  private static double[] meanGradient(KMeansObjective objective, double[] w) {
    double[] grad = new double[objective.size()];
    double loss = objective.addGradient(block, 0, block.numRows(), w, grad, objective.newScratch());
    assertEquals(2 * 4.0, loss, 1e-12); // the two (2,4) rows are at distance 2 from (2,2)
    for (int i = 0; i < grad.length; i++) {
      grad[i] /= block.numRows();
    }
    return grad;
  }

  @Test
  void lloydsStepMovesCentresToTheirMeansAndKeepsAnEmptyOne() {
    KMeansObjective objective = new KMeansObjective(3, 2);
    double[] w = objective.initialWeights(CENTRES);
    objective.batchStep(w, meanGradient(objective, w));
    assertArrayEquals(new double[] {0, 0, 2, 4, 100, 100}, objective.centres(w), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5, 0.0}, java.util.Arrays.copyOfRange(w, 6, 9), 1e-12);
  }

  @Test
  void miniBatchStepWeighsTheBatchAgainstEarlierCounts() {
    KMeansObjective objective = new KMeansObjective(3, 2);
    double[] w = objective.initialWeights(CENTRES);
    w[7] = 2.0; // centre (2,2) already took rows of weight 2
    double[] grad = new double[objective.size()];
    objective.addGradient(block, 0, block.numRows(), w, grad, objective.newScratch());
    objective.descend(w, grad, 1.0, 1.0);
    // (2 * (2,2) + 2 * (2,4)) / 4 = (2,3); an empty batch count leaves the other centres alone.
    assertArrayEquals(new double[] {0, 0, 2, 3, 100, 100}, objective.centres(w), 1e-12);
    assertArrayEquals(new double[] {2, 4, 0}, java.util.Arrays.copyOfRange(w, 6, 9), 1e-12);
  }

  @Test
  void perRowStepsMakeEachCentreTheRunningMeanOfItsRows() {
    KMeansObjective objective = new KMeansObjective(3, 2);
    double[] w = objective.initialWeights(CENTRES);
    SgdStepper stepper = objective.newStepper(w, false);
    double[] losses = new double[4];
    for (int r = 0; r < 4; r++) {
      losses[r] = stepper.step(block, r, 123.0, 1.0); // eta is not used
    }
    stepper.flush();
    // The first (2,4) row takes the fresh centre (2,2) over (rate 1); the second leaves it in place.
    assertArrayEquals(new double[] {0, 0, 2, 4, 100, 100}, objective.centres(w), 1e-12);
    assertEquals(4.0, losses[0] + losses[1] + losses[2] + losses[3], 1e-12);
    for (double v : w) {
      assertFalse(Double.isNaN(v));
    }
  }

  @Test
  void partitionsLocalMiniBatchesMergeToTheMeanOfAllTheirRows() {
    // Counts (3, 2, 0): (0,0) took rows of weight 3, (2,2) of weight 2. One "partition" steps on rows 0
    // and 1 as two one-row mini-batches, the other on rows 2 and 3 as one batch; the merge must give
    // each centre the mean of its earlier rows and of every row it took: (2*(2,2) + 2*(2,4)) / 4 = (2,3).
    // Averaging the partitions' centres instead gives (2, 2.67) or (2, 2.5), depending on the split.
    KMeansObjective objective = new KMeansObjective(3, 2);
    double[] start = objective.initialWeights(CENTRES, new double[] {3, 2, 0});
    double[] changes = new double[objective.size()];
    Objective.Scratch scratch = objective.newScratch();
    double[] first = start.clone();
    for (int r = 0; r < 2; r++) {
      double[] grad = new double[objective.size()];
      objective.addGradient(block, r, r + 1, first, grad, scratch);
      objective.descend(first, grad, 1.0, 1.0);
    }
    objective.addLocalChange(start, first, changes);
    double[] second = start.clone();
    double[] grad = new double[objective.size()];
    objective.addGradient(block, 2, 4, second, grad, scratch);
    objective.descend(second, grad, 1.0, 1.0);
    objective.addLocalChange(start, second, changes);
    double[] w = start.clone();
    objective.mergeLocalChanges(w, changes);
    assertArrayEquals(new double[] {0, 0, 2, 3, 100, 100}, objective.centres(w), 1e-12);
    assertArrayEquals(new double[] {5, 4, 0}, objective.counts(w), 1e-12);
  }
}
