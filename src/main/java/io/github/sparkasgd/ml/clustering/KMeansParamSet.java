package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.ml.SGDParamSet;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/** The k-means Param objects of one estimator or model, named and defaulted as MLlib's KMeans. */
public final class KMeansParamSet implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String RANDOM = "random";
  static final String K_MEANS_PARALLEL = "k-means||";
  static final List<String> INIT_MODES = List.of(RANDOM, K_MEANS_PARALLEL);

  final IntParam k;
  final Param<String> initMode;
  final IntParam initSteps;
  final Param<String> featuresCol;
  final Param<String> predictionCol;

  /** @param sgd the owner's shared params, of which k-means changes defaults to MLlib KMeans's */
  KMeansParamSet(Params owner, String uid, SGDParamSet sgd) {
    k = new IntParam(uid, "k", "the number of clusters to create (> 1)", ParamValidators.gt(1));
    initMode = new Param<>(uid, "initMode", "the initialization algorithm, one of " + INIT_MODES,
        ParamValidators.inArray(INIT_MODES));
    initSteps = new IntParam(uid, "initSteps", "the number of steps for k-means|| (> 0)", ParamValidators.gt(0));
    featuresCol = new Param<>(uid, "featuresCol", "features column name");
    predictionCol = new Param<>(uid, "predictionCol", "prediction column name");
    owner.setDefault(k, 2);
    owner.setDefault(initMode, K_MEANS_PARALLEL);
    owner.setDefault(initSteps, 2);
    owner.setDefault(featuresCol, "features");
    owner.setDefault(predictionCol, "prediction");
    owner.setDefault(sgd.maxIter, 20);
  }
}
