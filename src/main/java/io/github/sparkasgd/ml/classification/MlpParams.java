package io.github.sparkasgd.ml.classification;

import io.github.sparkasgd.ml.SGDParams;
import io.github.sparkasgd.objective.MlpActivation;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;

/**
 * Params of {@link SGDMultilayerPerceptronClassifier} and its model: MLlib's MLP params next to the
 * shared SGD ones. Of the linear models' params, {@code loss} (always softmax cross-entropy),
 * {@code elasticNetParam} (L2 only) and {@code fitIntercept} (every layer has biases) are present
 * through {@link SGDParams} but not read.
 */
public interface MlpParams extends SGDParams {

  /** The MLP param objects behind the accessors below. */
  MlpParamSet mlpParams();

  default IntArrayParam layers() {
    return mlpParams().layers;
  }

  default IntParam blockSize() {
    return mlpParams().blockSize;
  }

  default Param<String> activation() {
    return mlpParams().activation;
  }

  default Param<Vector> initialWeights() {
    return mlpParams().initialWeights;
  }

  default int[] getLayers() {
    return getOrDefault(layers());
  }

  default int getBlockSize() {
    return (Integer) getOrDefault(blockSize());
  }

  default String getActivation() {
    return getOrDefault(activation());
  }

  default Vector getInitialWeights() {
    return getOrDefault(initialWeights());
  }

  /** The hidden activation as the objective takes it. */
  default MlpActivation hiddenActivation() {
    return MlpActivation.fromParam(getActivation());
  }
}
