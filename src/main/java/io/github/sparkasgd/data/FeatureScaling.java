package io.github.sparkasgd.data;

import java.io.Serializable;

/**
 * The affine map the block builder applies to every stored value: feature j becomes
 * {@code (x_j - shift_j) * scale_j} and the label {@code (y - labelShift) * labelScale}. Solvers then
 * train on unit-scale features whatever the input's units (pixel counts, prices, term counts), which is
 * what lets one automatic step size work everywhere; the estimator maps the model back.
 *
 * <p>A column with no spread gets scale 0: its scaled value is always 0 and its coefficient 0, as in
 * MLlib. Sparse features are never shifted, so their zeros stay implicit.
 */
public final class FeatureScaling implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final FeatureScaling IDENTITY = new FeatureScaling(null, null, 0.0, 1.0);

  private final double[] scale;
  private final double[] shift;
  private final double labelShift;
  private final double labelScale;

  /**
   * @param scale per-feature factors, or null for none
   * @param shift per-feature shifts applied before the factor, or null for none
   */
  public FeatureScaling(double[] scale, double[] shift, double labelShift, double labelScale) {
    if (shift != null && scale == null) {
      throw new IllegalArgumentException("a feature shift needs feature scales");
    }
    this.scale = scale;
    this.shift = shift;
    this.labelShift = labelShift;
    this.labelScale = labelScale;
  }

  public static FeatureScaling identity() {
    return IDENTITY;
  }

  /** Whether features are shifted: then every cell of a row is stored, so blocks are dense. */
  public boolean centers() {
    return shift != null;
  }

  public boolean scalesFeatures() {
    return scale != null;
  }

  /** Factor of feature j (1 when features are not scaled). */
  public double scale(int j) {
    return scale == null ? 1.0 : scale[j];
  }

  /** Shift of feature j (0 when features are not centred). */
  public double shift(int j) {
    return shift == null ? 0.0 : shift[j];
  }

  public double labelShift() {
    return labelShift;
  }

  public double labelScale() {
    return labelScale;
  }

  /** The per-feature factors themselves (not a copy: callers only read), or null for none. */
  double[] scales() {
    return scale;
  }

  public double feature(int j, double x) {
    return scale == null ? x : shift == null ? x * scale[j] : (x - shift[j]) * scale[j];
  }

  public double label(double y) {
    return (y - labelShift) * labelScale;
  }
}
