package io.github.sparkasgd.ml;

import io.github.sparkasgd.optim.TrainingState;
import java.io.Serializable;
import java.util.Objects;

/**
 * An estimator's initial model and the rules of a fit that starts from one. The model is held here,
 * not in a Param: a Param's value must survive {@code DefaultParamsWriter}'s JSON metadata, which
 * takes simple values only, and Spark's own {@code LogisticRegression} and {@code mllib} KMeans keep
 * theirs in a field too. Estimators carry it through {@code copy} (Pipelines and CrossValidator copy
 * stages) and {@link EstimatorIO} saves it next to their params.
 *
 * <p>Threading: none; set it before {@code fit}, as any param.
 *
 * @param <M> the estimator's model type
 */
public final class WarmStart<M> implements Serializable {
  private static final long serialVersionUID = 1L;

  private M model;

  public M get() {
    return model;
  }

  /** @param initial a model of the same estimator, or null for a fresh fit */
  public void set(M initial) {
    this.model = initial;
  }

  /**
   * The schedule a warm start continues: the initial model's state when the same solver trained it;
   * otherwise (another solver, or a model saved before models kept their state) the model is only the
   * starting point and the schedule starts afresh.
   */
  public static TrainingState schedule(SGDParams estimator, SGDParams initial, TrainingState state) {
    return state != null && estimator.getSolver().equals(initial.getSolver()) ? state : TrainingState.FRESH;
  }

  /** Fails before training when the initial model's {@code what} differs from what this fit trains. */
  public static void requireSame(String what, Object initialModels, Object fits) {
    if (!Objects.equals(initialModels, fits)) {
      throw new IllegalArgumentException("initialModel has " + what + " " + initialModels
          + " but this fit trains " + what + " " + fits + ": a warm start needs a model of the same kind");
    }
  }
}
