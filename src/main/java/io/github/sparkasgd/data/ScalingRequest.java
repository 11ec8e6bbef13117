package io.github.sparkasgd.data;

import java.io.Serializable;

/**
 * Which internal rescaling a fit asks of its blocks, decided by the estimator's params.
 *
 * @param standardizeFeatures divide each feature by its standard deviation (and centre dense features
 *     when the model has an intercept to absorb the shift)
 * @param scaleLabel divide the label by its standard deviation (regression; centred when the model has
 *     an intercept)
 * @param fitIntercept whether the model has intercepts, which is what makes centring a
 *     reparametrisation rather than a change of model
 */
public record ScalingRequest(boolean standardizeFeatures, boolean scaleLabel, boolean fitIntercept)
    implements Serializable {

  public static final ScalingRequest NONE = new ScalingRequest(false, false, false);

  public boolean any() {
    return standardizeFeatures || scaleLabel;
  }
}
