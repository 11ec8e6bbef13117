/**
 * Clustering estimators trained by the same solvers as the linear models: {@link
 * io.github.sparkasgd.ml.clustering.SGDKMeans} fits k-means by Lloyd's algorithm ({@code batch}),
 * mini-batch k-means ({@code minibatch}) or per-sample updates run in parallel ({@code simuparallel},
 * {@code async}), with MLlib KMeans's params, initialisation and persistence.
 */
package io.github.sparkasgd.ml.clustering;
