package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.DenseBlock;
import io.github.sparkasgd.data.SparseBlock;
import io.github.sparkasgd.linalg.Kernels;
import java.util.Arrays;
import java.util.Random;

/**
 * A multilayer perceptron classifier: layers of sizes {@code n_0} (features) .. {@code n_L} (classes),
 * hidden layers {@code a = f(W a_prev + b)} with {@link MlpActivation} f, a softmax output layer, and
 * the objective {@code (1/W) sum_i weight_i (-log p_i[y_i]) + regParam/2 sum_l ||W_l||^2} (biases
 * are not penalised).
 *
 * <p>Parameters, MLlib's MultilayerPerceptronClassifier layout (so its model's weights can be given as
 * initial weights): for each layer l in order, {@code W_l} column-major ({@code n_{l+1}} x {@code n_l}:
 * weight from input i to output o at {@code weightOffset(l) + i n_{l+1} + o}), then its
 * {@code n_{l+1}} biases. Column-major makes a sparse input's nonzero touch one contiguous column.
 *
 * <p>Work is done on mini-batches of up to {@link #batchRows()} rows as matrix products (netlib
 * {@code dgemm}); a single row is a batch of one. The SGD stepper ({@link MlpStepper}) steps on
 * batches, so each Hogwild! thread runs mini-batch SGD: the unit at which matrix kernels pay.
 */
public final class MlpObjective implements Objective {
  private static final long serialVersionUID = 1L;

  private final int[] layers;
  private final MlpActivation hidden;
  private final double regParam;
  private final int batchRows;
  private final int[] weightOffsets;
  private final int size;

  /**
   * @param layers sizes from the input's features to the classes, at least 2 entries, each >= 1
   * @param batchRows rows per mini-batch matrix product and per SGD step
   */
  public MlpObjective(int[] layers, MlpActivation hidden, double regParam, int batchRows) {
    if (layers.length < 2 || Arrays.stream(layers).anyMatch(n -> n < 1) || batchRows < 1 || regParam < 0) {
      throw new IllegalArgumentException("an MLP needs >= 2 layers of size >= 1, batch rows >= 1, regParam >= 0; got "
          + Arrays.toString(layers) + ", " + batchRows + ", " + regParam);
    }
    this.layers = layers.clone();
    this.hidden = hidden;
    this.regParam = regParam;
    this.batchRows = batchRows;
    this.weightOffsets = new int[layers.length - 1];
    long offset = 0;
    for (int l = 0; l + 1 < layers.length; l++) {
      weightOffsets[l] = (int) offset;
      offset += (long) layers[l] * layers[l + 1] + layers[l + 1];
    }
    if (offset > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("layers " + Arrays.toString(layers) + " need " + offset
          + " parameters, more than an array holds");
    }
    this.size = (int) offset;
  }

  /** The number of parameters of an MLP with these layer sizes. */
  public static int parameterCount(int[] layers) {
    long n = 0;
    for (int l = 0; l + 1 < layers.length; l++) {
      n += (long) layers[l] * layers[l + 1] + layers[l + 1];
    }
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  public int[] layers() {
    return layers.clone();
  }

  public int batchRows() {
    return batchRows;
  }

  double regParam() {
    return regParam;
  }

  /** Where layer l's weight matrix starts; its biases follow it. */
  public int weightOffset(int l) {
    return weightOffsets[l];
  }

  public int biasOffset(int l) {
    return weightOffsets[l] + layers[l] * layers[l + 1];
  }

  private int numLayers() {
    return layers.length - 1;
  }

  /**
   * Seeded initial parameters scaled to the layer sizes, biases 0: He ({@code N(0, 2/n_in)}) for
   * weights into ReLU units, Glorot's uniform ({@code +-sqrt(6/(n_in+n_out))}) for weights into sigmoid
   * units and into the softmax layer, which keeps every layer's activations and gradients at unit scale
   * on standardized input.
   */
  public double[] initialWeights(long seed) {
    double[] w = new double[size];
    Random random = new Random(seed);
    for (int l = 0; l < numLayers(); l++) {
      int in = layers[l];
      int out = layers[l + 1];
      boolean he = hidden == MlpActivation.RELU && l + 1 < numLayers();
      double scale = he ? Math.sqrt(2.0 / in) : Math.sqrt(6.0 / (in + out));
      for (int i = weightOffsets[l], end = biasOffset(l); i < end; i++) {
        w[i] = he ? scale * random.nextGaussian() : scale * (2.0 * random.nextDouble() - 1.0);
      }
    }
    return w;
  }

  /**
   * The output layer's pre-softmax values (a model's rawPrediction) for one dense row {@code x} into
   * {@code out}: for prediction, one row at a time, with buffers of its own.
   */
  public void margins(double[] x, double[] w, double[] out) {
    double[] a = x;
    for (int l = 0; l < numLayers(); l++) {
      int in = layers[l];
      int outputs = layers[l + 1];
      double[] z = l + 1 < numLayers() ? new double[outputs] : out;
      System.arraycopy(w, biasOffset(l), z, 0, outputs);
      Kernels.gemv(false, outputs, in, 1.0, w, weightOffsets[l], outputs, a, 0, 1.0, z, 0);
      if (l + 1 < numLayers()) {
        hidden.applyInPlace(z, 0, outputs);
      }
      a = z;
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Scratch newScratch() {
    return new MlpScratch(layers, batchRows);
  }

  @Override
  public double loss(Block block, int row, double[] w, Scratch scratch) {
    MlpScratch s = (MlpScratch) scratch;
    s.clear();
    add(s, block, row, 1.0, 0.0);
    return forward(s, w);
  }

  @Override
  public double addGradient(Block block, int row, double scale, double[] w, double[] grad, Scratch scratch) {
    MlpScratch s = (MlpScratch) scratch;
    s.clear();
    add(s, block, row, 1.0, scale);
    double loss = forward(s, w);
    backward(s, w, grad, 1.0, 1.0, 1.0);
    return loss;
  }

  /** Rows {@code [from, to)} in batches of {@link #batchRows()}, each one forward and one backward pass of products. */
  @Override
  public double addGradient(Block block, int from, int to, double[] w, double[] grad, Scratch scratch) {
    MlpScratch s = (MlpScratch) scratch;
    s.clear();
    double loss = 0.0;
    for (int row = from; row < to; row++) {
      double weight = block.weight(row);
      if (weight == 0.0) {
        continue;
      }
      add(s, block, row, weight, weight);
      if (s.full()) {
        loss += forward(s, w);
        backward(s, w, grad, 1.0, 1.0, 1.0);
        s.clear();
      }
    }
    if (s.count > 0) {
      loss += forward(s, w);
      backward(s, w, grad, 1.0, 1.0, 1.0);
      s.clear();
    }
    return loss;
  }

  /** Queues a row into the batch: its weight (for the loss) and gradient scale. */
  void add(MlpScratch s, Block block, int row, double weight, double scale) {
    int r = s.count++;
    s.blocks[r] = block;
    s.rows[r] = row;
    s.weights[r] = weight;
    s.scales[r] = scale;
    if (block instanceof DenseBlock dense) {
      dense.copyRow(row, s.input(), r * layers[0]);
    } else {
      s.anySparse = true;
    }
  }

  /**
   * Forward pass over the queued rows at {@code w}: fills every layer's activations (the last with
   * class probabilities) and returns {@code sum_r weight_r * loss_r}.
   */
  double forward(MlpScratch s, double[] w) {
    int m = s.count;
    int last = numLayers() - 1;
    for (int l = 0; l <= last; l++) {
      int in = layers[l];
      int out = layers[l + 1];
      double[] z = s.activations[l + 1];
      if (l == 0) {
        firstLayerForward(s, w, z);
      } else {
        Kernels.gemm(false, false, out, m, in, 1.0, w, weightOffsets[l], out, s.activations[l], 0, in, 0.0, z, 0, out);
      }
      int b = biasOffset(l);
      for (int r = 0, base = 0; r < m; r++, base += out) {
        for (int o = 0; o < out; o++) {
          z[base + o] += w[b + o];
        }
        if (l < last) {
          hidden.applyInPlace(z, base, out);
        }
      }
    }
    return softmaxLoss(s);
  }

  private void firstLayerForward(MlpScratch s, double[] w, double[] z) {
    int d = layers[0];
    int h = layers[1];
    int off = weightOffsets[0];
    if (!s.anySparse) {
      Kernels.gemm(false, false, h, s.count, d, 1.0, w, off, h, s.input(), 0, d, 0.0, z, 0, h);
      return;
    }
    for (int r = 0; r < s.count; r++) {
      if (s.blocks[r] instanceof SparseBlock sparse) {
        Arrays.fill(z, r * h, (r + 1) * h, 0.0);
        for (int k = sparse.rowStart(s.rows[r]), end = sparse.rowEnd(s.rows[r]); k < end; k++) {
          Kernels.axpy(h, sparse.value(k), w, off + sparse.index(k) * h, z, r * h);
        }
      } else {
        Kernels.gemv(false, h, d, 1.0, w, off, h, s.input(), r * d, 0.0, z, r * h);
      }
    }
  }

  /** Output pre-activations to probabilities in place; returns the weighted cross-entropy. */
  private double softmaxLoss(MlpScratch s) {
    int k = layers[numLayers()];
    double[] p = s.activations[numLayers()];
    double loss = 0.0;
    for (int r = 0, base = 0; r < s.count; r++, base += k) {
      double max = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < k; o++) {
        max = Math.max(max, p[base + o]);
      }
      double labelMargin = p[base + (int) s.blocks[r].label(s.rows[r])];
      double sum = 0.0;
      for (int o = 0; o < k; o++) {
        double e = Math.exp(p[base + o] - max);
        p[base + o] = e;
        sum += e;
      }
      for (int o = 0; o < k; o++) {
        p[base + o] /= sum;
      }
      loss += s.weights[r] * (Math.log(sum) + max - labelMargin);
    }
    return loss;
  }

  /**
   * Backward pass after {@link #forward}: {@code target_W <- decay * target_W + weightAlpha * G_W} and
   * {@code target_b += biasAlpha * G_b}, with G the gradient sum over the queued rows, each scaled by
   * its {@code scales} entry. A layer's delta for the layer below is computed from {@code w} before
   * the layer's own update, so {@code target} may be {@code w} itself: an in-place SGD step with no
   * gradient buffer (then {@code decay} and the alphas carry the step and the L2 prox).
   */
  void backward(MlpScratch s, double[] w, double[] target, double weightAlpha, double decay, double biasAlpha) {
    int m = s.count;
    int top = numLayers();
    int k = layers[top];
    double[] delta = s.deltas[top];
    double[] p = s.activations[top];
    for (int r = 0, base = 0; r < m; r++, base += k) {
      double scale = s.scales[r];
      for (int o = 0; o < k; o++) {
        delta[base + o] = scale * p[base + o];
      }
      delta[base + (int) s.blocks[r].label(s.rows[r])] -= scale;
    }
    for (int l = top - 1; l >= 0; l--) {
      int in = layers[l];
      int out = layers[l + 1];
      delta = s.deltas[l + 1];
      if (l > 0) {
        double[] below = s.deltas[l];
        Kernels.gemm(true, false, in, m, out, 1.0, w, weightOffsets[l], out, delta, 0, out, 0.0, below, 0, in);
        hidden.multiplyByDerivative(below, s.activations[l], in * m);
        Kernels.gemm(false, true, out, in, m, weightAlpha, delta, 0, out, s.activations[l], 0, in, decay,
            target, weightOffsets[l], out);
      } else {
        firstLayerGradient(s, delta, target, weightAlpha, decay);
      }
      int b = biasOffset(l);
      for (int r = 0, base = 0; r < m; r++, base += out) {
        for (int o = 0; o < out; o++) {
          target[b + o] += biasAlpha * delta[base + o];
        }
      }
    }
  }

  private void firstLayerGradient(MlpScratch s, double[] delta, double[] target, double alpha, double decay) {
    int d = layers[0];
    int h = layers[1];
    int off = weightOffsets[0];
    if (!s.anySparse) {
      Kernels.gemm(false, true, h, d, s.count, alpha, delta, 0, h, s.input(), 0, d, decay, target, off, h);
      return;
    }
    if (decay != 1.0) {
      Kernels.scal(h * d, decay, target, off);
    }
    for (int r = 0; r < s.count; r++) {
      if (s.blocks[r] instanceof SparseBlock sparse) {
        for (int k = sparse.rowStart(s.rows[r]), end = sparse.rowEnd(s.rows[r]); k < end; k++) {
          Kernels.axpy(h, alpha * sparse.value(k), delta, r * h, target, off + sparse.index(k) * h);
        }
      } else {
        Kernels.ger(h, d, alpha, delta, r * h, s.input(), r * d, target, off, h);
      }
    }
  }

  @Override
  public SgdStepper newStepper(double[] w, boolean sparseRows) {
    return new MlpStepper(this, w);
  }

  @Override
  public double penalty(double[] w) {
    if (regParam == 0.0) {
      return 0.0;
    }
    double sum = 0.0;
    for (int l = 0; l < numLayers(); l++) {
      for (int i = weightOffsets[l], end = biasOffset(l); i < end; i++) {
        sum += w[i] * w[i];
      }
    }
    return 0.5 * regParam * sum;
  }

  /** {@code w <- w - scale * gradient}, then the L2 penalty's proximal map on the weights: {@code / (1 + eta regParam)}. */
  @Override
  public void descend(double[] w, double[] gradient, double scale, double eta) {
    for (int i = 0; i < size; i++) {
      w[i] -= scale * gradient[i];
    }
    if (regParam > 0.0) {
      double shrink = 1.0 / (1.0 + eta * regParam);
      for (int l = 0; l < numLayers(); l++) {
        Kernels.scal(layers[l] * layers[l + 1], shrink, w, weightOffsets[l]);
      }
    }
  }

  /**
   * The step-size search's scale: {@code ||x||^2 + 1} bounds the first layer's curvature in a row (as
   * for a linear model), and an SGD step averages {@link #batchRows()} rows, so its step can be that
   * many times larger before the noise of one row limits it.
   */
  @Override
  public double curvature(Block block, int row, Scratch scratch) {
    return (block.squaredNorm(row) + 1.0) / batchRows;
  }

  /** A row's share of a step's products reads every weight about three times (forward, back, update). */
  @Override
  public double valuesPerStep(double storedValuesPerRow) {
    return 3.0 * size;
  }
}
