package io.github.sparkasgd.data;

/**
 * One number per row (a block's labels or weights) in the smallest type that holds every value
 * exactly: nothing when all are equal (unit weights), float when every value is a float (class
 * indices, small counts), double otherwise. Immutable.
 */
final class ScalarColumn {
  private final int size;
  private final double constant;
  private final float[] floats;
  private final double[] doubles;

  private ScalarColumn(int size, double constant, float[] floats, double[] doubles) {
    this.size = size;
    this.constant = constant;
    this.floats = floats;
    this.doubles = doubles;
  }

  /** The compact form of {@code values} (which it may keep). */
  static ScalarColumn of(double[] values) {
    boolean constant = true;
    boolean fitsFloat = true;
    for (double v : values) {
      constant &= Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(values[0]);
      fitsFloat &= (double) (float) v == v;
    }
    if (values.length == 0 || constant) {
      return new ScalarColumn(values.length, values.length == 0 ? 0.0 : values[0], null, null);
    }
    if (fitsFloat) {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return new ScalarColumn(values.length, 0.0, f, null);
    }
    return new ScalarColumn(values.length, 0.0, null, values);
  }

  static ScalarColumn constant(int size, double value) {
    return new ScalarColumn(size, value, null, null);
  }

  static ScalarColumn ofFloats(float[] values) {
    return new ScalarColumn(values.length, 0.0, values, null);
  }

  static ScalarColumn ofDoubles(double[] values) {
    return new ScalarColumn(values.length, 0.0, null, values);
  }

  int size() {
    return size;
  }

  double get(int i) {
    if (doubles != null) {
      return doubles[i];
    }
    return floats != null ? floats[i] : constant;
  }

  /** 0 constant, 1 float, 2 double: the codec's tag. */
  int kind() {
    return doubles != null ? 2 : floats != null ? 1 : 0;
  }

  double constantValue() {
    return constant;
  }

  float[] floats() {
    return floats;
  }

  double[] doubles() {
    return doubles;
  }

  long bytes() {
    return doubles != null ? 8L * size : floats != null ? 4L * size : 0L;
  }

  ScalarColumn head(int rows) {
    if (doubles != null) {
      return ofDoubles(java.util.Arrays.copyOf(doubles, rows));
    }
    return floats != null ? ofFloats(java.util.Arrays.copyOf(floats, rows)) : constant(rows, constant);
  }
}
