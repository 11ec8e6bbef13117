package io.github.sparkasgd.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A real multi-JVM Spark cluster on this machine: {@code local-cluster[2,1,1024]} starts a master and
 * two workers in the test JVM, each worker launching its executor as a separate JVM that reaches the
 * driver over TCP. Spark's jars come from {@code $SPARK_HOME/jars}, which the build fills from Maven.
 */
final class LocalCluster {
  private LocalCluster() {}

  static SparkSession start(String appName, Map<String, String> extraConf) {
    return start(appName, extraConf, 1);
  }

  /** Two executor JVMs with {@code cores} task slots each. */
  static SparkSession start(String appName, Map<String, String> extraConf, int cores) {
    String jar = System.getProperty("sparkasgd.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException("run through `mvn verify`: the project jar (" + jar + ") ships to executors");
    }
    String home = System.getenv("SPARK_HOME");
    if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
      throw new IllegalStateException("SPARK_HOME with jars/ is required, got " + home);
    }
    SparkSession.Builder b = SparkSession.builder()
        .master("local-cluster[2," + cores + ",1024]")
        .appName(appName)
        .config("spark.jars", jar)
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.executor.memory", "768m")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.task.maxFailures", "4");
    extraConf.forEach(b::config);
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    awaitExecutors(spark, 2);
    return spark;
  }

  /**
   * Executors register asynchronously; tests that kill one must see both first. On a machine shared
   * with other jobs (load average 20-30 on 2 cores) an executor JVM took over 2 minutes to register.
   */
  static void awaitExecutors(SparkSession spark, int count) {
    long deadline = System.nanoTime() + 360_000_000_000L;
    while (executorPids(spark).size() < count || spark.sparkContext().getExecutorMemoryStatus().size() < count + 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("executors did not start: " + executorPids(spark));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** PIDs of this application's executor JVMs. */
  static List<Long> executorPids(SparkSession spark) {
    String appId = spark.sparkContext().applicationId();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("CoarseGrainedExecutorBackend")
            && c.contains(appId)).orElse(false))
        .map(ProcessHandle::pid)
        .toList();
  }
}
