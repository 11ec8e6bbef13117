/**
 * {@link io.github.sparkasgd.ml.regression.SGDRegressor}: least-squares and Huber linear regression
 * trained by any of the SGD solvers, with MLlib's regParam/elasticNetParam penalty.
 */
package io.github.sparkasgd.ml.regression;
