package io.github.sparkasgd.data;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only primitive buffers in pages that grow from {@link #FIRST_PAGE} to {@link #MAX_PAGE}
 * elements. Unlike a doubling array they never copy what they hold, so a partition read into them
 * costs its own size plus at most one partly filled page per buffer, never twice its size.
 * Not thread-safe: one builder thread owns each buffer.
 */
final class PagedArrays {
  static final int FIRST_PAGE = 64;
  static final int MAX_PAGE = 1 << 16;

  private PagedArrays() {}

  /** The pages of one buffer; subclasses append into the current page. */
  abstract static class Paged {
    private final List<Object> pages = new ArrayList<>();
    private final int bytesPerElement;
    int used;
    int capacity;
    long size;

    Paged(int bytesPerElement) {
      this.bytesPerElement = bytesPerElement;
    }

    abstract Object allocate(int length);

    abstract void setCurrent(Object page);

    /** The page being filled (null before the first). */
    abstract Object currentPage();

    /**
     * Appends {@code src[0 .. length)}, an array of this buffer's element type, a page segment at a
     * time with {@link System#arraycopy}.
     */
    final void copyIn(Object src, int length) {
      for (int from = 0; from < length; ) {
        ensureRoom();
        int n = Math.min(length - from, capacity - used);
        System.arraycopy(src, from, currentPage(), used, n);
        used += n;
        size += n;
        from += n;
      }
    }

    /** Makes room for at least one more element in the current page. */
    final void ensureRoom() {
      if (used == capacity) {
        capacity = capacity == 0 ? FIRST_PAGE : Math.min(MAX_PAGE, capacity * 2);
        Object page = allocate(capacity);
        pages.add(page);
        setCurrent(page);
        used = 0;
      }
    }

    final long size() {
      return size;
    }

    final long allocatedBytes() {
      long n = 0;
      for (Object p : pages) {
        n += (long) bytesPerElement * Array.getLength(p);
      }
      return n;
    }

    /** Drops the pages (after they were copied out), so the memory can go while others are built. */
    final void release() {
      pages.clear();
      setCurrent(null);
      used = 0;
      capacity = 0;
      size = 0;
    }

    /** Copies all {@link #size()} elements into {@code dest} (an array of the same type) at {@code pos}. */
    final void copyTo(Object dest, int pos) {
      long left = size;
      for (Object page : pages) {
        int length = (int) Math.min(left, Array.getLength(page));
        System.arraycopy(page, 0, dest, pos, length);
        pos += length;
        left -= length;
      }
    }
  }

  static final class Ints extends Paged {
    private int[] current;

    Ints() {
      super(4);
    }

    @Override
    Object allocate(int length) {
      return new int[length];
    }

    @Override
    void setCurrent(Object page) {
      current = (int[]) page;
    }

    void add(int v) {
      ensureRoom();
      current[used++] = v;
      size++;
    }

    void addAll(int[] src, int length) {
      copyIn(src, length);
    }

    @Override
    Object currentPage() {
      return current;
    }
  }

  static final class Doubles extends Paged {
    private double[] current;

    Doubles() {
      super(8);
    }

    @Override
    Object allocate(int length) {
      return new double[length];
    }

    @Override
    void setCurrent(Object page) {
      current = (double[]) page;
    }

    void add(double v) {
      ensureRoom();
      current[used++] = v;
      size++;
    }

    void addAll(double[] src, int length) {
      copyIn(src, length);
    }

    @Override
    Object currentPage() {
      return current;
    }
  }

  static final class Floats extends Paged {
    private float[] current;

    Floats() {
      super(4);
    }

    @Override
    Object allocate(int length) {
      return new float[length];
    }

    @Override
    void setCurrent(Object page) {
      current = (float[]) page;
    }

    void add(float v) {
      ensureRoom();
      current[used++] = v;
      size++;
    }

    @Override
    Object currentPage() {
      return current;
    }

    /** Appends {@code src[0 .. length)} rounded to float, a page segment at a time. */
    void addAll(double[] src, int length) {
      for (int from = 0; from < length; ) {
        ensureRoom();
        int n = Math.min(length - from, capacity - used);
        float[] page = current;
        for (int k = 0, at = used; k < n; k++, at++) {
          page[at] = (float) src[from + k];
        }
        used += n;
        size += n;
        from += n;
      }
    }
  }

  /** Feature values, kept from the start in the precision the finished block stores them in. */
  static Paged values(ValuePrecision precision) {
    return precision == ValuePrecision.FLOAT32 ? new Floats() : new Doubles();
  }

  /** Appends {@code src[0 .. length)} to a {@link #values} buffer. */
  static void addValues(Paged values, double[] src, int length) {
    if (values instanceof Floats f) {
      f.addAll(src, length);
    } else {
      ((Doubles) values).addAll(src, length);
    }
  }

  static void addValue(Paged values, double v) {
    if (values instanceof Floats f) {
      f.add((float) v);
    } else {
      ((Doubles) values).add(v);
    }
  }
}
