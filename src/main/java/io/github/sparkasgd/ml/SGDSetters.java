package io.github.sparkasgd.ml;

/**
 * Fluent setters of the shared training params, for the estimators ({@code T} is the estimator's
 * own type so calls chain).
 */
@SuppressWarnings("unchecked")
public interface SGDSetters<T extends SGDSetters<T>> extends SGDParams {

  default T setWeightCol(String value) {
    return (T) set(weightCol(), value);
  }

  default T setSolver(String value) {
    return (T) set(solver(), value);
  }

  default T setLoss(String value) {
    return (T) set(loss(), value);
  }

  default T setMaxIter(int value) {
    return (T) set(maxIter(), value);
  }

  default T setStepSize(double value) {
    return (T) set(stepSize(), value);
  }

  default T setStepSchedule(String value) {
    return (T) set(stepSchedule(), value);
  }

  default T setMiniBatchSize(int value) {
    return (T) set(miniBatchSize(), value);
  }

  default T setRegParam(double value) {
    return (T) set(regParam(), value);
  }

  default T setElasticNetParam(double value) {
    return (T) set(elasticNetParam(), value);
  }

  default T setFitIntercept(boolean value) {
    return (T) set(fitIntercept(), value);
  }

  default T setStandardization(boolean value) {
    return (T) set(standardization(), value);
  }

  default T setFeaturePrecision(String value) {
    return (T) set(featurePrecision(), value);
  }

  default T setTol(double value) {
    return (T) set(tol(), value);
  }

  default T setSeed(long value) {
    return (T) set(seed(), value);
  }

  default T setNumWorkers(int value) {
    return (T) set(numWorkers(), value);
  }

  default T setAveragingInterval(int value) {
    return (T) set(averagingInterval(), value);
  }

  default T setExchange(String value) {
    return (T) set(exchange(), value);
  }

  default T setStaleness(int value) {
    return (T) set(staleness(), value);
  }

  default T setStalenessAwareStep(boolean value) {
    return (T) set(stalenessAwareStep(), value);
  }

  default T setSyncInterval(int value) {
    return (T) set(syncInterval(), value);
  }

  default T setThreadsPerWorker(int value) {
    return (T) set(threadsPerWorker(), value);
  }

  default T setTimeBudget(double value) {
    return (T) set(timeBudget(), value);
  }

  default T setAsgdBuffers(int value) {
    return (T) set(asgdBuffers(), value);
  }

  default T setGossipGraph(String value) {
    return (T) set(gossipGraph(), value);
  }

  default T setCompression(String value) {
    return (T) set(compression(), value);
  }

  default T setCompressionLevels(int value) {
    return (T) set(compressionLevels(), value);
  }

  default T setCompressionFraction(double value) {
    return (T) set(compressionFraction(), value);
  }

  default T setCompressionThreshold(double value) {
    return (T) set(compressionThreshold(), value);
  }

  default T setBackupWorkers(int value) {
    return (T) set(backupWorkers(), value);
  }
}
