package io.github.sparkasgd.exchange.gossip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockData;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.storage.StreamBlockId;
import org.apache.spark.util.io.ChunkedByteBuffer;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * The one class that touches Spark's block manager ({@code org.apache.spark.storage}, public in
 * bytecode though {@code private[spark]} in Scala): a worker publishes its parameters as a block of
 * its executor and reads its neighbours' blocks from theirs, over Spark's block transfer service, so
 * the bytes go executor to executor with {@code spark.authenticate} and network encryption as Spark
 * configures them. The driver only keeps the blocks' locations (the block manager master). Blocks are
 * {@code StreamBlockId(namespace, key)}: one namespace per fit, a key per worker and round; stream ids
 * of real streaming receivers are small, a fit's namespace is at least 2^30. Each instance counts the
 * bytes it read from other executors and its calls to the master; one thread per instance.
 */
final class SparkBlocks {
  private static final ClassTag<byte[]> BYTES = ClassTag$.MODULE$.apply(byte[].class);
  private final BlockManager manager;
  private final int namespace;
  private long remoteBytes;
  private long masterCalls;

  private SparkBlocks(BlockManager manager, int namespace) {
    this.manager = manager;
    this.namespace = namespace;
  }

  /** This JVM's block manager (an executor's inside a task; the driver's in local mode). */
  static SparkBlocks current(int namespace) {
    return new SparkBlocks(SparkEnv.get().blockManager(), namespace);
  }

  /**
   * Stores {@code bytes} (never touched again by the caller: the memory store keeps the buffer) as
   * the block {@code key} and tells the master where it is.
   *
   * @throws IllegalStateException when the block manager could not store it
   */
  void put(long key, ByteBuffer bytes) {
    masterCalls++;
    boolean stored = manager.putBytes(id(key), new ChunkedByteBuffer(bytes), StorageLevel.MEMORY_AND_DISK_SER(),
        true, BYTES);
    if (!stored) {
      throw new IllegalStateException("gossip: the block manager could not store block " + id(key).name()
          + " (" + bytes.capacity() + " bytes)");
    }
  }

  /**
   * Hands the block {@code key} to {@code reader} as a little-endian buffer, from this executor's
   * store or another's; false when no executor has it (yet). The buffer is valid during the call only.
   */
  boolean read(long key, Consumer<ByteBuffer> reader) {
    BlockId id = id(key);
    Option<BlockData> local = manager.getLocalBytes(id);
    if (local.isDefined()) {
      BlockData data = local.get();
      try {
        reader.accept(data.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
      } finally {
        manager.releaseLockAndDispose(id, data, Option.empty());
      }
      return true;
    }
    masterCalls++;
    Option<ChunkedByteBuffer> remote = manager.getRemoteBytes(id);
    if (remote.isEmpty()) {
      return false;
    }
    ChunkedByteBuffer bytes = remote.get();
    try {
      ByteBuffer buffer = bytes.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      remoteBytes += buffer.remaining();
      reader.accept(buffer);
    } finally {
      bytes.dispose();
    }
    return true;
  }

  /** Drops the block {@code key} here and from the master's record. */
  void remove(long key) {
    masterCalls++;
    manager.removeBlock(id(key), true);
  }

  /** Drops every block of {@code namespace} on every executor (the driver, once the fit's workers ended). */
  static void removeAll(int namespace) {
    BlockManager manager = SparkEnv.get().blockManager();
    scala.collection.Iterator<BlockId> ids = manager.master().getMatchingBlockIds(new InNamespace(namespace), false)
        .iterator();
    while (ids.hasNext()) {
      manager.master().removeBlock(ids.next());
    }
  }

  long remoteBytes() {
    return remoteBytes;
  }

  /** Calls that reached the block manager master in the driver: puts, remote lookups, removals. */
  long masterCalls() {
    return masterCalls;
  }

  private StreamBlockId id(long key) {
    return new StreamBlockId(namespace, key);
  }

  /** Matches the blocks of one fit; run by the master's endpoint on the driver. */
  private static final class InNamespace extends AbstractFunction1<BlockId, Object> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int namespace;

    InNamespace(int namespace) {
      this.namespace = namespace;
    }

    @Override
    public Object apply(BlockId id) {
      return id instanceof StreamBlockId s && s.streamId() == namespace;
    }
  }
}
