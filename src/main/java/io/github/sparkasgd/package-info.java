/**
 * spark-asgd: parallel and asynchronous SGD estimators for Spark ML.
 * Users start at {@link io.github.sparkasgd.ml.classification.SGDClassifier} and
 * {@link io.github.sparkasgd.ml.regression.SGDRegressor}; the sub-packages are the layers underneath.
 */
package io.github.sparkasgd;
