package io.github.sparkasgd.data;

import java.util.Arrays;

/** Append-only primitive buffers used while a partition is read once. */
final class GrowableArrays {
  private GrowableArrays() {}

  static final class Doubles {
    private double[] data = new double[1024];
    private int size;

    void add(double v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    int size() {
      return size;
    }

    double get(int i) {
      return data[i];
    }

    void addAll(double[] src) {
      if (size + src.length > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + src.length));
      }
      System.arraycopy(src, 0, data, size, src.length);
      size += src.length;
    }

    /** Copies {@code length} values from position {@code from} into {@code dest} at {@code destPos}. */
    void copyTo(int from, double[] dest, int destPos, int length) {
      System.arraycopy(data, from, dest, destPos, length);
    }
  }

  static final class Ints {
    private int[] data = new int[1024];
    private int size;

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    int size() {
      return size;
    }

    int get(int i) {
      return data[i];
    }

    void addAll(int[] src) {
      if (size + src.length > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + src.length));
      }
      System.arraycopy(src, 0, data, size, src.length);
      size += src.length;
    }

    void copyTo(int from, int[] dest, int destPos, int length) {
      System.arraycopy(data, from, dest, destPos, length);
    }
  }
}
