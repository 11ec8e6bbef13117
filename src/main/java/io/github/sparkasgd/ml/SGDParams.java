package io.github.sparkasgd.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * Training params shared by the SGD estimators and their models (so a model reports how it was
 * trained and persists it). Spark finds params by reflecting on public no-arg methods returning a
 * {@link Param}; these default methods are such methods.
 */
public interface SGDParams extends Params {

  /** The param objects behind the accessors below. */
  SGDParamSet sgdParams();

  default Param<String> weightCol() {
    return sgdParams().weightCol;
  }

  default Param<String> solver() {
    return sgdParams().solver;
  }

  default Param<String> loss() {
    return sgdParams().loss;
  }

  default IntParam maxIter() {
    return sgdParams().maxIter;
  }

  default DoubleParam stepSize() {
    return sgdParams().stepSize;
  }

  default Param<String> stepSchedule() {
    return sgdParams().stepSchedule;
  }

  default IntParam miniBatchSize() {
    return sgdParams().miniBatchSize;
  }

  default DoubleParam regParam() {
    return sgdParams().regParam;
  }

  default DoubleParam elasticNetParam() {
    return sgdParams().elasticNetParam;
  }

  default BooleanParam fitIntercept() {
    return sgdParams().fitIntercept;
  }

  default BooleanParam standardization() {
    return sgdParams().standardization;
  }

  default Param<String> featurePrecision() {
    return sgdParams().featurePrecision;
  }

  default DoubleParam tol() {
    return sgdParams().tol;
  }

  default LongParam seed() {
    return sgdParams().seed;
  }

  default IntParam numWorkers() {
    return sgdParams().numWorkers;
  }

  default IntParam averagingInterval() {
    return sgdParams().averagingInterval;
  }

  default Param<String> exchange() {
    return sgdParams().exchange;
  }

  default IntParam staleness() {
    return sgdParams().staleness;
  }

  default BooleanParam stalenessAwareStep() {
    return sgdParams().stalenessAwareStep;
  }

  default IntParam syncInterval() {
    return sgdParams().syncInterval;
  }

  default IntParam threadsPerWorker() {
    return sgdParams().threadsPerWorker;
  }

  default DoubleParam timeBudget() {
    return sgdParams().timeBudget;
  }

  default IntParam asgdBuffers() {
    return sgdParams().asgdBuffers;
  }

  default Param<String> gossipGraph() {
    return sgdParams().gossipGraph;
  }

  default Param<String> compression() {
    return sgdParams().compression;
  }

  default IntParam compressionLevels() {
    return sgdParams().compressionLevels;
  }

  default DoubleParam compressionFraction() {
    return sgdParams().compressionFraction;
  }

  default DoubleParam compressionThreshold() {
    return sgdParams().compressionThreshold;
  }

  default IntParam backupWorkers() {
    return sgdParams().backupWorkers;
  }

  default String getWeightCol() {
    return getOrDefault(weightCol());
  }

  default String getSolver() {
    return getOrDefault(solver());
  }

  default String getLoss() {
    return getOrDefault(loss());
  }

  default int getMaxIter() {
    return (Integer) getOrDefault(maxIter());
  }

  default double getStepSize() {
    return (Double) getOrDefault(stepSize());
  }

  default String getStepSchedule() {
    return getOrDefault(stepSchedule());
  }

  default int getMiniBatchSize() {
    return (Integer) getOrDefault(miniBatchSize());
  }

  default double getRegParam() {
    return (Double) getOrDefault(regParam());
  }

  default double getElasticNetParam() {
    return (Double) getOrDefault(elasticNetParam());
  }

  default boolean getFitIntercept() {
    return (Boolean) getOrDefault(fitIntercept());
  }

  default boolean getStandardization() {
    return (Boolean) getOrDefault(standardization());
  }

  default String getFeaturePrecision() {
    return getOrDefault(featurePrecision());
  }

  default double getTol() {
    return (Double) getOrDefault(tol());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }

  default int getNumWorkers() {
    return (Integer) getOrDefault(numWorkers());
  }

  default int getAveragingInterval() {
    return (Integer) getOrDefault(averagingInterval());
  }

  default String getExchange() {
    return getOrDefault(exchange());
  }

  default int getStaleness() {
    return (Integer) getOrDefault(staleness());
  }

  default boolean getStalenessAwareStep() {
    return (Boolean) getOrDefault(stalenessAwareStep());
  }

  default int getSyncInterval() {
    return (Integer) getOrDefault(syncInterval());
  }

  default int getThreadsPerWorker() {
    return (Integer) getOrDefault(threadsPerWorker());
  }

  default double getTimeBudget() {
    return (Double) getOrDefault(timeBudget());
  }

  default int getAsgdBuffers() {
    return (Integer) getOrDefault(asgdBuffers());
  }

  default String getGossipGraph() {
    return getOrDefault(gossipGraph());
  }

  default String getCompression() {
    return getOrDefault(compression());
  }

  default int getCompressionLevels() {
    return (Integer) getOrDefault(compressionLevels());
  }

  default double getCompressionFraction() {
    return (Double) getOrDefault(compressionFraction());
  }

  default double getCompressionThreshold() {
    return (Double) getOrDefault(compressionThreshold());
  }

  default int getBackupWorkers() {
    return (Integer) getOrDefault(backupWorkers());
  }
}
