package io.github.sparkasgd.ml.classification;

import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.objective.MlpActivation;
import io.github.sparkasgd.optim.StepSchedule;
import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/** The MLP's own Param objects of one estimator or model, named as MLlib's MultilayerPerceptronClassifier's. */
public final class MlpParamSet implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Rows per SGD step. Fashion-MNIST 784-100-10 at the automatic step, 5 epochs: 64 reached 0.8770 test
   * accuracy, 128 (MLlib's blockSize default) 0.8703; 32 costs twice the time per row of 128 (JMH).
   */
  static final int DEFAULT_BLOCK_SIZE = 64;

  final IntArrayParam layers;
  final IntParam blockSize;
  final Param<String> activation;
  final Param<Vector> initialWeights;

  /** @param sgd the owner's shared params, of which the MLP changes the step schedule's default */
  MlpParamSet(Params owner, String uid, SGDParamSet sgd) {
    layers = new IntArrayParam(owner, "layers",
        "sizes of the layers from the input (the features' size) to the output (the number of classes), e.g. "
            + "[784, 100, 10]; at least 2, each >= 1");
    blockSize = new IntParam(uid, "blockSize",
        "rows per mini-batch: each SGD step (simuparallel, async threads) averages this many rows' gradients, "
            + "computed as matrix products; batch and minibatch compute in chunks of this many (>= 1)",
        ParamValidators.gtEq(1));
    activation = new Param<>(uid, "activation", "hidden layers' activation, one of " + MlpActivation.PARAM_VALUES,
        ParamValidators.inArray(MlpActivation.PARAM_VALUES));
    initialWeights = new Param<>(uid, "initialWeights",
        "the starting weights in MLlib's MultilayerPerceptronClassificationModel layout (a fitted model's "
            + "weights() warm-starts a fit); unset: seeded He (relu) or Glorot (sigmoid, output) initialisation");
    owner.setDefault(blockSize, DEFAULT_BLOCK_SIZE);
    owner.setDefault(activation, MlpActivation.RELU.paramValue());
    // Measured on Fashion-MNIST 784-100-10 at step 0.3, 5 epochs: invsqrt 0.8780, inverse 0.8717 test accuracy.
    owner.setDefault(sgd.stepSchedule, StepSchedule.INVSQRT.paramValue());
    // simuparallel averages every epoch: nets trained apart for the whole fit settle in different
    // minima (hidden units permuted), and their average is no minimum (XOR test: 0.72 accuracy once at
    // the end, >= 0.95 every epoch).
    owner.setDefault(sgd.averagingInterval, 1);
  }
}
