package io.github.sparkasgd.ml.clustering;

import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;

/**
 * Initial centres from MLlib's own KMeans run for 0 iterations with the same {@code k},
 * {@code initMode}, {@code initSteps}, {@code seed}, columns and weights: its k-means|| (Bahmani et al.
 * 2012, with k-means++ on the candidates) or random sample, so both libraries start a fit from the
 * same centres and differ only in how they iterate. Costs MLlib's initialisation passes over the input
 * (k-means||: about {@code 2 + initSteps} passes; random: one).
 */
final class KMeansInit {
  private KMeansInit() {}

  /** The initial centres; k-means|| may return fewer than {@code k} on data with fewer distinct points. */
  static ClusterCentres centres(Dataset<?> dataset, KMeansParams params) {
    KMeans mllib = new KMeans()
        .setK(params.getK())
        .setInitMode(params.getInitMode())
        .setInitSteps(params.getInitSteps())
        .setSeed(params.getSeed())
        .setMaxIter(0)
        .setFeaturesCol(params.getFeaturesCol());
    String weightCol = params.getWeightCol();
    if (weightCol != null && !weightCol.isEmpty()) {
      mllib.setWeightCol(weightCol);
    }
    Vector[] centres = mllib.fit(dataset).clusterCenters();
    return ClusterCentres.of(centres);
  }
}
