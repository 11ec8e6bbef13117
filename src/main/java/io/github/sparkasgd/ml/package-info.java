/**
 * What Spark ML users see: the shared params of the SGD estimators, training summaries, persistence
 * and the glue that turns a Dataset into a solver run. Estimators live in {@code classification} and
 * {@code regression}; nothing here touches RPC or reads rows in a hot loop.
 */
package io.github.sparkasgd.ml;
