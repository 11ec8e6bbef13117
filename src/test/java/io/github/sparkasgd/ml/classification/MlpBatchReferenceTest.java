package io.github.sparkasgd.ml.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkasgd.TestData;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code batch} at a fixed step against a plain full-batch gradient descent written here with loops
 * (no BLAS, no blocks), from the same initial weights: the same weights and objective path to 1e-9.
 */
class MlpBatchReferenceTest {
  private static final int[] LAYERS = {5, 6, 4, 2};
  private static final int STEPS = 15;
  private static final double ETA = 0.5;

  @ParameterizedTest
  @CsvSource({"relu, 0", "sigmoid, 0", "relu, 0.05"})
  void batchFollowsAReferenceGradientDescent(String activation, double regParam) {
    Dataset<Row> train = MlpTestData.xor(5, 300, 3, 1.0, false, 3);
    int size = 0;
    for (int l = 0; l + 1 < LAYERS.length; l++) {
      size += LAYERS[l] * LAYERS[l + 1] + LAYERS[l + 1];
    }
    Random r = new Random(17);
    double[] init = new double[size];
    for (int i = 0; i < size; i++) {
      init[i] = 0.5 * r.nextGaussian();
    }
    SGDMultilayerPerceptronClassificationModel model = new SGDMultilayerPerceptronClassifier()
        .setLayers(LAYERS).setActivation(activation).setRegParam(regParam).setSolver("batch")
        .setStepSize(ETA).setStepSchedule("constant").setMaxIter(STEPS).setTol(0).setStandardization(false)
        .setFeaturePrecision("float64").setInitialWeights(Vectors.dense(init)).fit(train);

    List<Row> rows = train.collectAsList();
    double[][] x = new double[rows.size()][];
    int[] y = new int[rows.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((Vector) rows.get(i).getAs("features")).toArray();
      y[i] = (int) rows.get(i).getDouble(rows.get(i).fieldIndex("label"));
    }
    Reference ref = new Reference(LAYERS, "sigmoid".equals(activation), regParam);
    double[] w = init.clone();
    double[] history = model.summary().objectiveHistory();
    assertEquals(STEPS, history.length);
    for (int step = 0; step < STEPS; step++) {
      double[] g = new double[size];
      double objective = ref.objectiveAndGradient(x, y, w, g);
      assertEquals(objective, history[step], 1e-9 * objective, "objective before step " + step);
      for (int i = 0; i < size; i++) {
        w[i] -= ETA * g[i];
      }
      ref.shrinkWeights(w, 1.0 / (1.0 + ETA * regParam)); // the L2 penalty's proximal step
    }
    TestData.assertClose(w, model.weights().toArray(), 1e-9, activation + " weights after " + STEPS + " steps");
  }

  /** The MLP in MLlib's layout with plain loops, one row at a time. */
  private static final class Reference {
    private final int[] layers;
    private final boolean sigmoid;
    private final double regParam;

    Reference(int[] layers, boolean sigmoid, double regParam) {
      this.layers = layers;
      this.sigmoid = sigmoid;
      this.regParam = regParam;
    }

    private int weight(int offset, int l, int in, int out) {
      return offset + in * layers[l + 1] + out;
    }

    /** Mean cross-entropy plus penalty; the data term's mean gradient into g. */
    double objectiveAndGradient(double[][] x, int[] y, double[] w, double[] g) {
      int depth = layers.length - 1;
      double loss = 0;
      for (int n = 0; n < x.length; n++) {
        double[][] a = new double[depth + 1][];
        a[0] = x[n];
        int offset = 0;
        int[] offsets = new int[depth];
        for (int l = 0; l < depth; l++) {
          offsets[l] = offset;
          int bias = offset + layers[l] * layers[l + 1];
          a[l + 1] = new double[layers[l + 1]];
          for (int o = 0; o < layers[l + 1]; o++) {
            double z = w[bias + o];
            for (int i = 0; i < layers[l]; i++) {
              z += w[weight(offset, l, i, o)] * a[l][i];
            }
            a[l + 1][o] = l + 1 == depth ? z : sigmoid ? 1 / (1 + Math.exp(-z)) : Math.max(0, z);
          }
          offset = bias + layers[l + 1];
        }
        double[] out = a[depth];
        double max = Double.NEGATIVE_INFINITY;
        for (double v : out) {
          max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : out) {
          sum += Math.exp(v - max);
        }
        loss += Math.log(sum) + max - out[y[n]];
        double[] delta = new double[out.length];
        for (int o = 0; o < out.length; o++) {
          delta[o] = Math.exp(out[o] - max) / sum - (o == y[n] ? 1 : 0);
        }
        for (int l = depth - 1; l >= 0; l--) {
          int bias = offsets[l] + layers[l] * layers[l + 1];
          double[] below = new double[layers[l]];
          for (int o = 0; o < layers[l + 1]; o++) {
            g[bias + o] += delta[o] / x.length;
            for (int i = 0; i < layers[l]; i++) {
              g[weight(offsets[l], l, i, o)] += delta[o] * a[l][i] / x.length;
              below[i] += w[weight(offsets[l], l, i, o)] * delta[o];
            }
          }
          for (int i = 0; i < layers[l] && l > 0; i++) {
            double ai = a[l][i];
            below[i] *= sigmoid ? ai * (1 - ai) : (ai > 0 ? 1 : 0);
          }
          delta = below;
        }
      }
      double penalty = 0;
      int offset = 0;
      for (int l = 0; l + 1 < layers.length; l++) {
        for (int i = offset; i < offset + layers[l] * layers[l + 1]; i++) {
          penalty += 0.5 * regParam * w[i] * w[i];
        }
        offset += layers[l] * layers[l + 1] + layers[l + 1];
      }
      return loss / x.length + penalty;
    }

    void shrinkWeights(double[] w, double factor) {
      int offset = 0;
      for (int l = 0; l + 1 < layers.length; l++) {
        for (int i = offset; i < offset + layers[l] * layers[l + 1]; i++) {
          w[i] *= factor;
        }
        offset += layers[l] * layers[l + 1] + layers[l + 1];
      }
    }
  }
}
