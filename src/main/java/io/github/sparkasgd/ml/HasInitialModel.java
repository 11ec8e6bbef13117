package io.github.sparkasgd.ml;

/**
 * The {@code initialModel} accessors of an estimator (as MLlib's KMeans has them): a fit from an
 * initial model starts from its parameters and continues its step schedule ({@link WarmStart}).
 *
 * @param <M> the model type
 * @param <E> the estimator's own type, so calls chain
 */
@SuppressWarnings("unchecked")
public interface HasInitialModel<M, E extends HasInitialModel<M, E>> {

  /** Where the estimator keeps its initial model. */
  WarmStart<M> warmStart();

  /** Starts the next fits from {@code model} (null: fresh fits again). */
  default E setInitialModel(M model) {
    warmStart().set(model);
    return (E) this;
  }

  default boolean hasInitialModel() {
    return warmStart().get() != null;
  }

  /** @throws java.util.NoSuchElementException when none is set */
  default M getInitialModel() {
    M model = warmStart().get();
    if (model == null) {
      throw new java.util.NoSuchElementException("No initialModel is set");
    }
    return model;
  }
}
