package io.github.sparkasgd.optim;

import io.github.sparkasgd.exchange.compress.Compressor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What {@code minibatch}'s top-k and threshold compression kept back (error feedback) between a fit's
 * iterations, in the executor JVM that ran each partition's task: one entry per (fit, partition), with
 * its compressor and last message. A partition whose task runs on another executor starts there with
 * an empty residual. The driver drops a fit's entries when it ends ({@link ResidualRelease}).
 * Thread-safe: tasks of several partitions and fits run at once; an entry is used under its own lock.
 */
final class ResidualStore {
  /** Released fit ids remembered per JVM, so that a late attempt of an ended fit cannot bring its entry back. */
  private static final int REMEMBERED_FITS = 1024;
  private static final Map<Key, Residual> ENTRIES = new ConcurrentHashMap<>();
  private static final Set<Long> RELEASED = Collections.synchronizedSet(Collections.newSetFromMap(
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
          return size() > REMEMBERED_FITS;
        }
      }));

  private ResidualStore() {}

  private record Key(long fitId, int partition) {}

  /** A partition's residual; the task that holds its lock owns every field. */
  static final class Residual {
    final double[] kept;
    final Compressor compressor;
    /** The iteration of {@link #lastMessage}; -1 before the first. */
    long step = -1;
    byte[] lastMessage;

    Residual(int size, Compressor compressor) {
      this.kept = new double[size];
      this.compressor = compressor;
    }
  }

  /** The partition's entry, made by {@code create} on first use; null once the fit was released here. */
  static Residual get(long fitId, int partition, Supplier<Residual> create) {
    if (RELEASED.contains(fitId)) {
      return null;
    }
    Key key = new Key(fitId, partition);
    Residual r = ENTRIES.computeIfAbsent(key, k -> create.get());
    if (RELEASED.contains(fitId)) { // released meanwhile: the release may have run before the entry existed
      ENTRIES.remove(key);
      return null;
    }
    return r;
  }

  /** Drops the fit's entries in this JVM and refuses new ones. */
  static void release(long fitId) {
    RELEASED.add(fitId);
    ENTRIES.keySet().removeIf(k -> k.fitId() == fitId);
  }

  /** Entries of every fit in this JVM. */
  static int size() {
    return ENTRIES.size();
  }
}
