package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.ml.SGDParams;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;

/**
 * Params of {@link SGDKMeans} and its model: MLlib KMeans's own ones next to the shared SGD ones.
 * The linear models' {@code loss}, {@code regParam}, {@code elasticNetParam}, {@code fitIntercept},
 * {@code standardization}, {@code stepSize} and {@code stepSchedule} are present through
 * {@link SGDParams} but not read: k-means has one loss, no penalty, works on the input's own scale (as
 * MLlib's) and needs no step size.
 */
public interface KMeansParams extends SGDParams {

  /** The k-means param objects behind the accessors below. */
  KMeansParamSet kmeansParams();

  default IntParam k() {
    return kmeansParams().k;
  }

  default Param<String> initMode() {
    return kmeansParams().initMode;
  }

  default IntParam initSteps() {
    return kmeansParams().initSteps;
  }

  default Param<String> featuresCol() {
    return kmeansParams().featuresCol;
  }

  default Param<String> predictionCol() {
    return kmeansParams().predictionCol;
  }

  default int getK() {
    return (Integer) getOrDefault(k());
  }

  default String getInitMode() {
    return getOrDefault(initMode());
  }

  default int getInitSteps() {
    return (Integer) getOrDefault(initSteps());
  }

  default String getFeaturesCol() {
    return getOrDefault(featuresCol());
  }

  default String getPredictionCol() {
    return getOrDefault(predictionCol());
  }
}
