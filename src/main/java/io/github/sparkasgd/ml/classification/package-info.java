/**
 * {@link io.github.sparkasgd.ml.classification.SGDClassifier}: logistic (binary or softmax) and hinge
 * (binary or one-vs-rest) linear classifiers trained by any of the SGD solvers, with the
 * probabilistic-classifier columns and thresholds of MLlib's LogisticRegression; and
 * {@link io.github.sparkasgd.ml.classification.SGDMultilayerPerceptronClassifier}, MLlib's MLP model
 * trained by the same solvers.
 */
package io.github.sparkasgd.ml.classification;
