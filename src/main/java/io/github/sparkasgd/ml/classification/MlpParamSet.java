package io.github.sparkasgd.ml.classification;

import io.github.sparkasgd.objective.MlpActivation;
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

  static final int DEFAULT_BLOCK_SIZE = 128;

  final IntArrayParam layers;
  final IntParam blockSize;
  final Param<String> activation;
  final Param<Vector> initialWeights;

  MlpParamSet(Params owner, String uid) {
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
  }
}
