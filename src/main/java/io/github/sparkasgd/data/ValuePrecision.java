package io.github.sparkasgd.data;

import java.util.Locale;

/**
 * How blocks store feature values. {@link #FLOAT32} halves the memory of the values (and of the bytes
 * an SGD pass streams); inputs keep their double precision up to the block, and every computation on
 * stored values (margins, gradients, weights) is done in double.
 */
public enum ValuePrecision {
  FLOAT32("float32"),
  FLOAT64("float64");

  private final String paramValue;

  ValuePrecision(String paramValue) {
    this.paramValue = paramValue;
  }

  /** The value users pass (the {@code featurePrecision} param). */
  public String paramValue() {
    return paramValue;
  }

  public static ValuePrecision fromParam(String value) {
    for (ValuePrecision p : values()) {
      if (p.paramValue.equals(value.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("Unknown feature precision '" + value + "'; use float32 or float64");
  }
}
