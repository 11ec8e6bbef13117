package io.github.sparkasgd.exchange;

import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.spark.SparkEnv;
import org.apache.spark.rpc.IsolatedRpcEndpoint;
import org.apache.spark.rpc.RpcCallContext;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.rpc.RpcTimeout;
import org.apache.spark.util.RpcUtils;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractPartialFunction;
import scala.runtime.BoxedUnit;

/**
 * The one class that touches Spark's internal RPC ({@code org.apache.spark.rpc}): an endpoint in
 * the driver's RpcEnv, found by name from tasks the way Spark's BarrierCoordinator is. It rides on
 * {@code spark.driver.port}, so it inherits {@code spark.authenticate} and network encryption. Only
 * {@code byte[]} crosses it: RpcEnv Java-serializes messages, and executors cannot load our classes
 * for RPC messages.
 */
public final class SparkRpc {
  private static final ClassTag<byte[]> BYTES = ClassTag$.MODULE$.apply(byte[].class);

  private SparkRpc() {}

  /** A registered driver endpoint; {@link #close()} unregisters it. */
  public interface Hosted extends AutoCloseable {
    @Override
    void close();
  }

  /** A connection from a task to a named driver endpoint. */
  public interface Channel {
    /**
     * Sends {@code request} and waits at most {@code timeoutMillis} for the reply.
     *
     * @throws RuntimeException when the reply does not come in time or the endpoint is gone
     */
    byte[] ask(byte[] request, long timeoutMillis);
  }

  /**
   * Registers {@code handler} under {@code name} in the driver's RpcEnv. The handler is called on the
   * endpoint's single dispatcher thread with a private copy of each request and a reply callback
   * that may be invoked later from any thread; it must only enqueue.
   */
  public static Hosted host(String name, BiConsumer<byte[], Consumer<byte[]>> handler) {
    RpcEnv env = SparkEnv.get().rpcEnv();
    RpcEndpointRef ref = env.setupEndpoint(name, new Endpoint(env, handler));
    return () -> env.stop(ref);
  }

  /** Looks the endpoint up by name from inside a task (or the driver). */
  public static Channel connect(String name) {
    SparkEnv env = SparkEnv.get();
    RpcEndpointRef ref = RpcUtils.makeDriverRef(name, env.conf(), env.rpcEnv());
    return (request, timeoutMillis) -> ref.askSync(request,
        new RpcTimeout(scala.concurrent.duration.FiniteDuration.apply(timeoutMillis, TimeUnit.MILLISECONDS),
            "spark-asgd exchange timeout"), BYTES);
  }

  private static final class Endpoint implements IsolatedRpcEndpoint {
    private final RpcEnv env;
    private final BiConsumer<byte[], Consumer<byte[]>> handler;

    Endpoint(RpcEnv env, BiConsumer<byte[], Consumer<byte[]>> handler) {
      this.env = env;
      this.handler = handler;
    }

    @Override
    public RpcEnv rpcEnv() {
      return env;
    }

    @Override
    public int threadCount() {
      return 1;
    }

    @Override
    public scala.PartialFunction<Object, BoxedUnit> receiveAndReply(RpcCallContext context) {
      return new AbstractPartialFunction<>() {
        @Override
        public boolean isDefinedAt(Object message) {
          return message instanceof byte[];
        }

        @Override
        public <A1, B1> B1 applyOrElse(A1 message, scala.Function1<A1, B1> fallback) {
          if (!(message instanceof byte[] bytes)) {
            return fallback.apply(message);
          }
          // Local mode passes the sender's array by reference: keep a private copy.
          handler.accept(bytes.clone(), context::reply);
          @SuppressWarnings("unchecked")
          B1 unit = (B1) BoxedUnit.UNIT;
          return unit;
        }
      };
    }
  }
}
