package io.github.sparkasgd.ml;

/**
 * Hands a Java stage its uid while Spark's Scala superclass constructor runs. Those constructors
 * create Params that read {@code uid()} before a Java subclass can assign its field; a constructor
 * calls {@code this(PendingUid.stage(uid), ...)} so the value is visible through {@link #current()}
 * during that window.
 */
public final class PendingUid {
  private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

  private PendingUid() {}

  public static String stage(String uid) {
    PENDING.set(uid);
    return uid;
  }

  /** The uid being constructed on this thread, cleared once read back by {@link #clear()}. */
  public static String current() {
    return PENDING.get();
  }

  public static void clear() {
    PENDING.remove();
  }
}
