package io.github.sparkasgd.data;

/**
 * One number per row (a block's labels or weights) in the smallest type that holds every value
 * exactly: nothing when all are equal (unit weights), a byte for whole numbers 0..127 (class indices),
 * float when every value is a float, double otherwise. Immutable.
 */
final class ScalarColumn {
  private final int size;
  private final double constant;
  private final byte[] bytes;
  private final float[] floats;
  private final double[] doubles;

  private ScalarColumn(int size, double constant, byte[] bytes, float[] floats, double[] doubles) {
    this.size = size;
    this.constant = constant;
    this.bytes = bytes;
    this.floats = floats;
    this.doubles = doubles;
  }

  /** The compact form of {@code values} (which it may keep). */
  static ScalarColumn of(double[] values) {
    boolean constant = true;
    boolean fitsFloat = true;
    boolean fitsByte = true;
    for (double v : values) {
      constant &= Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(values[0]);
      fitsFloat &= (double) (float) v == v;
      fitsByte &= v >= 0 && v <= Byte.MAX_VALUE && v == Math.rint(v) && Double.doubleToRawLongBits(v) != NEGATIVE_ZERO;
    }
    if (values.length == 0 || constant) {
      return constant(values.length, values.length == 0 ? 0.0 : values[0]);
    }
    if (fitsByte) {
      byte[] b = new byte[values.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) values[i];
      }
      return ofBytes(b);
    }
    if (fitsFloat) {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return ofFloats(f);
    }
    return ofDoubles(values);
  }

  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  static ScalarColumn constant(int size, double value) {
    return new ScalarColumn(size, value, null, null, null);
  }

  /** @param values whole numbers 0..127 */
  static ScalarColumn ofBytes(byte[] values) {
    return new ScalarColumn(values.length, 0.0, values, null, null);
  }

  static ScalarColumn ofFloats(float[] values) {
    return new ScalarColumn(values.length, 0.0, null, values, null);
  }

  static ScalarColumn ofDoubles(double[] values) {
    return new ScalarColumn(values.length, 0.0, null, null, values);
  }

  int size() {
    return size;
  }

  double get(int i) {
    if (bytes != null) {
      return bytes[i];
    }
    if (doubles != null) {
      return doubles[i];
    }
    return floats != null ? floats[i] : constant;
  }

  /** 0 constant, 1 float, 2 double, 3 byte: the codec's tag. */
  int kind() {
    return bytes != null ? 3 : doubles != null ? 2 : floats != null ? 1 : 0;
  }

  byte[] bytes() {
    return bytes;
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

  long byteSize() {
    return bytes != null ? size : doubles != null ? 8L * size : floats != null ? 4L * size : 0L;
  }

  ScalarColumn head(int rows) {
    if (bytes != null) {
      return ofBytes(java.util.Arrays.copyOf(bytes, rows));
    }
    if (doubles != null) {
      return ofDoubles(java.util.Arrays.copyOf(doubles, rows));
    }
    return floats != null ? ofFloats(java.util.Arrays.copyOf(floats, rows)) : constant(rows, constant);
  }
}
