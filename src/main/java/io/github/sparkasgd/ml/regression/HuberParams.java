package io.github.sparkasgd.ml.regression;

import io.github.sparkasgd.ml.SGDParams;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/** The Huber threshold, shared by {@link SGDRegressor} and its model. */
public interface HuberParams extends SGDParams {

  DoubleParam epsilon();

  default double getEpsilon() {
    return (Double) getOrDefault(epsilon());
  }

  /** Creates the param for {@code owner} and registers its default, 1.35 (MLlib's). */
  static DoubleParam create(Params owner) {
    DoubleParam p = new DoubleParam(owner.uid(), "epsilon",
        "huber loss: residuals beyond this (in label units) are penalised linearly (> 0)",
        ParamValidators.gt(0));
    owner.setDefault(p, 1.35);
    return p;
  }
}
