package io.github.sparkasgd.ml;

/**
 * A fitted model that may carry the summary of the fit that returned it: a loaded or copied model
 * has none, as with MLlib's models.
 */
public interface HasSGDSummary {

  /** The summary, or null when this model did not come out of {@code fit}. */
  SGDTrainingSummary summaryOrNull();

  default boolean hasSummary() {
    return summaryOrNull() != null;
  }

  /** The training summary; only models returned by {@code fit} have one. */
  default SGDTrainingSummary summary() {
    SGDTrainingSummary summary = summaryOrNull();
    if (summary == null) {
      throw new IllegalStateException("No training summary available for this model (it was loaded or copied)");
    }
    return summary;
  }
}
