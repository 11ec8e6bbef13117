package io.github.sparkasgd.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The SparkSession of a command-line job: spark-submit's when it set a master, else a local one. */
final class Sessions {
  private Sessions() {}

  /** @param localMaster used only when {@code spark.master} is not set (e.g. under {@code mvn exec:exec}) */
  static SparkSession start(String appName, String localMaster) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!new SparkConf().contains("spark.master")) {
      builder.master(localMaster)
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.ui.enabled", "false");
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** A command-line job's body. */
  interface Job {
    void run(SparkSession spark) throws Exception;
  }

  /** Runs {@code job} in a session from {@link #start} and stops the session however the job ends. */
  static void run(String appName, String localMaster, Job job) throws Exception {
    SparkSession spark = start(appName, localMaster);
    try {
      job.run(spark);
    } finally {
      spark.stop();
    }
  }
}
