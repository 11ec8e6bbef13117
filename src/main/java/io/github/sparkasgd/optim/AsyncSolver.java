package io.github.sparkasgd.optim;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.TrainingData;
import io.github.sparkasgd.exchange.ConsistencyRule;
import io.github.sparkasgd.exchange.ExchangeEndpoint;
import io.github.sparkasgd.exchange.ExchangePolicy;
import io.github.sparkasgd.exchange.ExchangeScheme;
import io.github.sparkasgd.exchange.ExchangeServer;
import io.github.sparkasgd.exchange.ExchangeStats;
import io.github.sparkasgd.exchange.FrameCodec;
import io.github.sparkasgd.exchange.SimulatedLink;
import io.github.sparkasgd.objective.Objective;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.Dependency;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Asynchronous parallel SGD: one long-running task per worker runs Hogwild! threads on its cached
 * block and exchanges weights with an endpoint hosted in the driver for the duration of the fit, with
 * no stage barrier between exchanges (seeds 000 Alg. 5, 001, 002, 003, 004). Workers run as a barrier
 * stage when dynamic allocation is off and the cluster has a slot for each (so they run together);
 * otherwise, and when the input's lineage changes the number of partitions within the stage (a
 * union or coalesce, which Spark refuses to run as a barrier stage), as a normal stage. Either way
 * the workers are counted from the task slots that exist ({@link AsyncSlots}).
 */
public final class AsyncSolver implements Solver {
  public static final String NAME = "async";
  /**
   * Spark conf key (or SparkContext local property): frames larger than this cross the RPC connection
   * in chunks of this size, one chunk per worker in flight.
   */
  public static final String CHUNK_SIZE_CONF = "spark.asgd.exchange.chunkSize";
  static final String DEFAULT_CHUNK_SIZE = "4m";
  /**
   * SparkContext local property: "false" runs the workers as a normal stage even where a barrier
   * stage is possible (each failed task is then retried alone and rejoins from the current model).
   */
  public static final String BARRIER_CONF = "spark.asgd.exchange.barrier";
  /**
   * Spark conf key (or SparkContext local property), for tests and benchmarks only:
   * {@code <partition>:<factor>} makes that partition's worker a straggler whose steps take
   * {@code factor} times as long ({@link SlowWorker}); unset, nothing is measured or slept.
   */
  public static final String SLOW_WORKER_CONF = "spark.asgd.faultInjection.slowWorker";
  static final int MIN_SYNC_INTERVAL = 1000;
  static final int MAX_AUTO_SYNC_INTERVAL = 1 << 20;
  /**
   * Ten times an exchange's cost per model coordinate, in units of one step's cost per value it
   * touches (measured: an exchange costs about 2.5 step-values per coordinate, worker and driver).
   */
  static final double EXCHANGE_COST_IN_STEP_VALUES = 25.0;

  @Override
  public TrainingResult solve(TrainingData data, SolverConfig config, double[] initialWeights,
      TrainingHistory history) {
    // Sized first: a fit that cannot get its workers fails before any training work.
    SparkContext sc = data.blocks().context();
    SparkConf conf = sc.getConf();
    boolean dynamic = conf.getBoolean(AsyncSlots.DYNAMIC_ALLOCATION, false) && !sc.isLocal();
    int workers = AsyncSlots.workers(data.blocks().getNumPartitions(), config.async().numWorkers(),
        AsyncSlots.now(sc), dynamic, AsyncSlots.dynamicMax(conf));
    ExchangeScheme scheme = ExchangeScheme.forName(config.async().exchange(), config.async().asgdBuffers(),
        config.seed(), config.async().compression(), config.async().gossipGraph(), workers, timeoutMillis(conf));
    SimulatedLink.Setting link = SimulatedLink.Setting.of(conf); // a bad value fails here, not in every task
    if (!link.off()) {
      org.slf4j.LoggerFactory.getLogger(AsyncSolver.class).warn("Simulated link for benchmarks in effect: {} bits/s, "
          + "{} ms latency per message each way ({}, {})", link.bitsPerSecond(), link.latencyNanos() / 1e6,
          SimulatedLink.BITS_PER_SECOND_CONF, SimulatedLink.LATENCY_CONF);
    }
    AsyncSettings a = config.async();
    ConsistencyRule consistency = ConsistencyRule.forParams(a.staleness(), a.backupWorkers(), a.exchange(),
        a.compression(), workers, initialWeights.length, a.stalenessAwareStep());
    SlowWorker slow = SlowWorker.parse(setting(sc, SLOW_WORKER_CONF, null));
    SolverConfig resolved = StepSizeSearch.resolve(data, config, initialWeights, 0, history);
    return solveWith(data, resolved, scheme, consistency, slow, initialWeights, history, workers, dynamic);
  }

  private TrainingResult solveWith(TrainingData data, SolverConfig config, ExchangeScheme scheme,
      ConsistencyRule consistency, SlowWorker slow, double[] initialWeights, TrainingHistory history,
      int workers, boolean dynamic) {
    Objective objective = config.objective();
    AsyncSettings settings = config.async();
    SparkContext sc = data.blocks().context();
    SparkConf conf = sc.getConf();
    int taskCpus = conf.getInt("spark.task.cpus", 1);
    JavaRDD<Block> blocks = data.blocks();
    if (workers < blocks.getNumPartitions()) {
      blocks = blocks.coalesce(workers);
    }
    String forced = sc.getLocalProperty(BARRIER_CONF);
    boolean barrier = (forced != null ? Boolean.parseBoolean(forced) : !dynamic) && barrierCanRun(blocks.rdd());
    int threads = settings.threadsPerWorker() > 0 ? settings.threadsPerWorker() : taskCpus;
    long fitId = ThreadLocalRandom.current().nextLong();
    String name = "spark-asgd-exchange-" + Long.toHexString(fitId);
    ExchangePolicy policy = scheme.server(initialWeights, workers);
    FrameCodec codec = new FrameCodec(initialWeights.length, scheme.maxVectors());
    ExchangeServer server = new ExchangeServer(fitId, workers, policy, codec, consistency,
        settings.stalenessAwareStep(), data.numRows(), objective::penalty,
        value -> {
          history.record(value);
          return history.converged(config.tol(), TrainingHistory.SGD_PATIENCE);
        },
        settings.timeBudget(), history.startNanos());
    long timeoutMillis = timeoutMillis(conf);
    int chunkBytes = chunkBytes(sc);
    int interval = settings.syncInterval() > 0 ? settings.syncInterval()
        : autoSyncInterval(initialWeights.length, objective.valuesPerStep(data.storedValuesPerRow()));
    // Only an automatic interval under ASP grows: SSP, BSP, backup rounds and gossip rounds count
    // exchanges, which must then mean the same steps on every worker.
    boolean adaptive = settings.syncInterval() == 0 && settings.staleness() < 0 && settings.backupWorkers() == 0
        && !AsyncSettings.GOSSIP.equals(settings.exchange());
    AsyncJob job = new AsyncJob(name, fitId, config, scheme, threads, interval, adaptive, timeoutMillis,
        chunkBytes, data.numRows() / data.weightSum(), slow);
    List<WorkerReport> reports;
    String endpointFailure;
    ExchangeEndpoint endpoint = ExchangeEndpoint.start(sc, name, server, chunkBytes);
    try {
      reports = barrier ? runBarrier(blocks, job) : blocks.mapPartitions(
          it -> List.of(AsyncWorker.run(it, job)).iterator()).collect();
    } catch (Exception e) { // Scala hides SparkException from javac; it is the job failing
      if (!(e instanceof org.apache.spark.SparkException)) {
        throw e;
      }
      endpoint.close();
      String why = endpoint.failure() != null ? endpoint.failure()
          : server.failure() != null ? failureMessage(server)
          : "tasks were lost beyond Spark's retries, or the job was cancelled";
      throw new IllegalStateException("Async fit failed: its " + workers + " worker tasks did not complete ("
          + why + "); the endpoint and its threads were released", e);
    } finally {
      endpoint.close();
      scheme.releaseFit();
    }
    endpointFailure = endpoint.failure();
    if (endpointFailure != null) {
      throw new IllegalStateException("Async fit failed: " + endpointFailure);
    }
    if (server.failure() != null) {
      throw new IllegalStateException("Async fit failed: " + failureMessage(server));
    }
    requireFinalStates(reports, server);
    ExchangeStats stats = server.stats();
    double epochs = 0;
    for (WorkerReport r : reports) {
      stats.addWorker(r.examples(), r.seconds(), r.roundTrips(), r.roundTripSecondsSum(), r.roundTripSecondsMax(),
          r.savedPushBytes());
      stats.addPeerTraffic(r.peerBytes(), r.masterCalls());
      epochs = Math.max(epochs, r.epochs());
    }
    return new TrainingResult(lowerOnTheSample(SampleObjective.of(objective, data), server.finalModel(),
        server.finalIterateAverage()), history, (int) Math.ceil(epochs), stats, epochs);
  }

  /**
   * The workers' last states or their iterate averages, whichever scores lower on the driver's
   * sample. Once a fit runs in SGD's noise (2.4M sparse rows, one epoch: test log-loss 0.3503 last,
   * 0.3260 averaged) the average wins by far; while it is still converging (20,000 noisy rows, one
   * epoch) the average lags behind the last states (coefficients 0.04-0.07 from least squares,
   * relative, against 0.036-0.040).
   */
  static double[] lowerOnTheSample(SampleObjective sample, double[] last, double[] averaged) {
    return sample.value(averaged) <= sample.value(last) ? averaged : last;
  }

  /**
   * Every worker that had rows must have recorded its final state: one left out (a successful task
   * whose attempt was superseded, say) would silently drop its rows from the average.
   */
  static void requireFinalStates(List<WorkerReport> reports, ExchangeServer server) {
    for (WorkerReport r : reports) {
      if (r.rows() > 0 && !server.finished(r.worker())) {
        throw new IllegalStateException("Async fit failed: worker " + r.worker() + " had " + r.rows()
            + " rows but recorded no final state (its successful task attempt was not the one the endpoint "
            + "accepted, e.g. with spark.speculation=true)");
      }
    }
  }

  private static String failureMessage(ExchangeServer server) {
    return server.diverged() ? server.failure() + ": " + FiniteCheck.MESSAGE : server.failure();
  }

  /**
   * The {@code syncInterval} used when it is left at 0: at least {@link #MIN_SYNC_INTERVAL} steps,
   * and enough that a worker's steps between two exchanges cost about ten times the exchange. An
   * exchange makes a few passes over the whole model on each side while a step touches a row's
   * values once per output, so the interval grows with the model size over the values per step: on
   * a 47k-feature model with 75-nonzero rows, 1,000-step exchanges took longer than the steps did.
   */
  static int autoSyncInterval(int modelSize, double valuesPerStep) {
    double steps = EXCHANGE_COST_IN_STEP_VALUES * modelSize / Math.max(1.0, valuesPerStep);
    return (int) Math.min(MAX_AUTO_SYNC_INTERVAL, Math.max(MIN_SYNC_INTERVAL, Math.ceil(steps)));
  }

  /** How long a worker waits for a reply, or for a gossip neighbour's parameters. */
  static long timeoutMillis(SparkConf conf) {
    return conf.getTimeAsMs("spark.rpc.askTimeout", conf.get("spark.network.timeout", "120s"));
  }

  /** A setting of ours: a thread-local property of the SparkContext wins over the Spark conf. */
  static String setting(SparkContext sc, String key, String defaultValue) {
    String local = sc.getLocalProperty(key);
    return local != null ? local : sc.getConf().get(key, defaultValue);
  }

  /** The chunk size, from {@link #setting}. */
  static int chunkBytes(SparkContext sc) {
    String value = setting(sc, CHUNK_SIZE_CONF, DEFAULT_CHUNK_SIZE);
    long bytes = org.apache.spark.network.util.JavaUtils.byteStringAsBytes(value);
    if (bytes < 256 || bytes > (1L << 30)) {
      throw new IllegalArgumentException(CHUNK_SIZE_CONF + " must be between 256b and 1g, got " + value);
    }
    return (int) bytes;
  }

  /**
   * Whether Spark accepts a barrier stage over {@code rdd}: every RDD that the stage would compute
   * (through narrow dependencies, cached or not) has as many partitions as the stage has tasks, as
   * the DAG scheduler checks before it submits one.
   */
  static boolean barrierCanRun(RDD<?> rdd) {
    int tasks = rdd.getNumPartitions();
    java.util.Deque<RDD<?>> toVisit = new java.util.ArrayDeque<>(List.of(rdd));
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    while (!toVisit.isEmpty()) {
      RDD<?> r = toVisit.pop();
      if (!seen.add(r.id())) {
        continue;
      }
      if (r.getNumPartitions() != tasks) {
        return false;
      }
      scala.collection.Iterator<Dependency<?>> deps = r.dependencies().iterator();
      while (deps.hasNext()) {
        Dependency<?> d = deps.next();
        if (!(d instanceof ShuffleDependency)) {
          toVisit.push(d.rdd());
        }
      }
    }
    return true;
  }

  /**
   * Runs the workers as one barrier stage. The shuffle after it makes the barrier stage a map stage,
   * which Spark retries as a whole when a task fails (a failed barrier result stage is aborted).
   */
  private static List<WorkerReport> runBarrier(JavaRDD<Block> blocks, AsyncJob job) {
    RDD<WorkerReport> reports = blocks.rdd().barrier()
        .mapPartitions(new WorkerFunction(job), false, ClassTag$.MODULE$.apply(WorkerReport.class));
    return reports.toJavaRDD().repartition(1).collect();
  }

  /** The barrier stage's task body; a Scala function because RDDBarrier has no Java API. */
  private static final class WorkerFunction
      extends AbstractFunction1<scala.collection.Iterator<Block>, scala.collection.Iterator<WorkerReport>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final AsyncJob job;

    WorkerFunction(AsyncJob job) {
      this.job = job;
    }

    @Override
    public scala.collection.Iterator<WorkerReport> apply(scala.collection.Iterator<Block> it) {
      java.util.Iterator<Block> javaIt = new java.util.Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Block next() {
          return it.next();
        }
      };
      return scala.collection.Iterator$.MODULE$.single(AsyncWorker.run(javaIt, job));
    }
  }
}
