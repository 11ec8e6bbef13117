package io.github.sparkasgd.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.spark.SparkContext;
import org.apache.spark.storage.RDDInfo;

/**
 * What one fit costs in memory, watched from outside the estimator: the most bytes its cached RDDs
 * held at once (memory and disk, RDDs cached before the fit excluded), sampled every
 * {@link #POLL_MILLIS} ms, and the largest heap left after a garbage collection (what a GC log shows
 * as the live heap) in this JVM. In local mode this JVM runs the executors, so it is the fit's heap;
 * on a cluster it is the driver's. The polling thread is the only writer of the maxima; read them
 * after {@link #close()}.
 */
final class ResourceWatch implements AutoCloseable {
  static final long POLL_MILLIS = 100;

  /** The maxima over one fit, in bytes. */
  record Usage(long cachedBytes, long cachedDiskBytes, long heapAfterGcBytes) {}

  private final SparkContext sc;
  private final Set<Integer> before = new HashSet<>();
  private final Set<String> heapPools = new HashSet<>();
  private final List<Runnable> unsubscribe = new ArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;
  private volatile long cached;
  private volatile long cachedDisk;
  private volatile long heapAfterGc;

  private ResourceWatch(SparkContext sc) {
    this.sc = sc;
    for (RDDInfo info : sc.getRDDStorageInfo()) {
      before.add(info.id());
    }
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        NotificationListener listener = this::onGc;
        emitter.addNotificationListener(listener, null, null);
        unsubscribe.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (javax.management.ListenerNotFoundException ignored) {
            // already gone
          }
        });
      }
    }
    poller = new Thread(this::poll, "resource-watch");
    poller.setDaemon(true);
    poller.start();
  }

  static ResourceWatch start(SparkContext sc) {
    return new ResourceWatch(sc);
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    synchronized (this) {
      heapAfterGc = Math.max(heapAfterGc, used);
    }
  }

  private void poll() {
    while (running) {
      sample();
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    long total = 0;
    long disk = 0;
    for (RDDInfo info : sc.getRDDStorageInfo()) {
      if (!before.contains(info.id())) {
        total += info.memSize() + info.diskSize();
        disk += info.diskSize();
      }
    }
    cached = Math.max(cached, total);
    cachedDisk = Math.max(cachedDisk, disk);
  }

  /** Stops watching; the usage over the watched span. */
  Usage usage() {
    return new Usage(cached, cachedDisk, heapAfterGc);
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    try {
      poller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    unsubscribe.forEach(Runnable::run);
  }
}
