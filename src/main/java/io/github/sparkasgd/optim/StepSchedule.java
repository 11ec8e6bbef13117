package io.github.sparkasgd.optim;

import java.util.Locale;

/**
 * Step size as a function of training progress measured in epochs (fractional within an epoch, so
 * every solver decays at the same pace per example seen): {@code constant} eta, {@code invsqrt}
 * eta / sqrt(1 + e), {@code inverse} eta / (1 + e).
 */
public enum StepSchedule {
  CONSTANT {
    @Override
    public double step(double base, double epochs) {
      return base;
    }
  },
  INVSQRT {
    @Override
    public double step(double base, double epochs) {
      return base / Math.sqrt(1.0 + epochs);
    }
  },
  INVERSE {
    @Override
    public double step(double base, double epochs) {
      return base / (1.0 + epochs);
    }
  };

  public abstract double step(double base, double epochs);

  public String paramValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StepSchedule fromParam(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
