package io.github.sparkasgd.cli;

import io.github.sparkasgd.ml.clustering.SGDKMeans;
import io.github.sparkasgd.ml.clustering.SGDKMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

final class KMeansProfileTmp {
  public static void main(String[] args) throws Exception {
    Sessions.run("prof", "local[2]", spark -> {
      Dataset<Row> data = spark.read().parquet(args[0]).select("features").repartition(2).cache();
      data.count();
      for (int i = 0; i < Integer.parseInt(args[2]); i++) {
        long t = System.nanoTime();
        SGDKMeansModel m = new SGDKMeans().setK(Integer.parseInt(args[1])).setSeed(1).setMaxIter(1).setSolver(args[3]).fit(data);
        System.out.printf("fit %d: %.2f s cost %.6g%n", i, (System.nanoTime() - t) / 1e9, m.summary().trainingCost());
      }
    });
  }
}
