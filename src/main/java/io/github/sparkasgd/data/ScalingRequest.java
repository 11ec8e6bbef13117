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
 * @param penalized whether a penalty applies to the scaled coefficients (regParam > 0). Then sparse
 *     features too are divided by their standard deviation, which is what the penalty means in MLlib.
 *     Without a penalty the scaling only conditions the problem, and sparse features are divided by
 *     the root mean square of their nonzero values instead: a rare binary feature (tiny deviation)
 *     divided by its deviation would make its rows huge and every step small, while this leaves it at
 *     1 and still brings raw-unit columns to unit size.
 */
public record ScalingRequest(boolean standardizeFeatures, boolean scaleLabel, boolean fitIntercept,
    boolean penalized) implements Serializable {

  public static final ScalingRequest NONE = new ScalingRequest(false, false, false, true);

  /** A request whose sparse features, if standardized, are divided by their standard deviation. */
  public ScalingRequest(boolean standardizeFeatures, boolean scaleLabel, boolean fitIntercept) {
    this(standardizeFeatures, scaleLabel, fitIntercept, true);
  }

  public boolean any() {
    return standardizeFeatures || scaleLabel;
  }
}
