package io.github.sparkasgd.ml.clustering;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.github.sparkasgd.ml.ModelSize;
import io.github.sparkasgd.ml.PendingUid;
import io.github.sparkasgd.ml.SGDParamSet;
import io.github.sparkasgd.optim.TrainingState;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A fitted {@link SGDKMeans}: predicts the index of the nearest centre, as MLlib's KMeansModel. */
public final class SGDKMeansModel extends Model<SGDKMeansModel> implements KMeansParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final SGDParamSet sgdParams;
  private final KMeansParamSet kmeansParams;
  private final ClusterCentres centres;
  /**
   * The row weight each centre has taken, which sets its rate when a warm start continues the fit, and
   * where the fit left its schedule; both null for models saved before models kept them.
   */
  private final double[] counts;
  private final TrainingState trainingState;
  private SGDKMeansSummary summary;

  /**
   * An empty model (one centre of no features) with a random uid, for Spark Connect: its
   * ServiceLoader lists the Transformers an ML client may name only if each has a public no-arg
   * constructor. Fitted and loaded models come from the other constructors.
   */
  public SGDKMeansModel() {
    this(Identifiable$.MODULE$.randomUID("sgdKMeansModel"), new ClusterCentres(1, 0, new double[0]), null, null);
  }

  SGDKMeansModel(String uid, ClusterCentres centres, double[] counts, TrainingState trainingState) {
    this(PendingUid.stage(uid), centres, counts, trainingState, true);
  }

  private SGDKMeansModel(String uid, ClusterCentres centres, double[] counts, TrainingState trainingState,
      boolean staged) {
    this.sgdParams = SGDParamSet.create(this, uid, SGDKMeans.LOSSES);
    this.kmeansParams = new KMeansParamSet(this, uid, sgdParams);
    if (counts != null && counts.length != centres.k()) {
      throw new IllegalArgumentException(centres.k() + " centres need " + centres.k() + " counts, got "
          + counts.length);
    }
    this.centres = centres;
    this.counts = counts == null ? null : counts.clone();
    this.trainingState = trainingState;
  }

  @Override
  public String uid() {
    return SGDParamSet.uid(sgdParams);
  }

  @Override
  public SGDParamSet sgdParams() {
    return sgdParams;
  }

  @Override
  public KMeansParamSet kmeansParams() {
    return kmeansParams;
  }

  SGDKMeansModel withSummary(SGDKMeansSummary trainingSummary) {
    this.summary = trainingSummary;
    return this;
  }

  ClusterCentres centres() {
    return centres;
  }

  double[] counts() {
    return counts == null ? null : counts.clone();
  }

  TrainingState trainingState() {
    return trainingState;
  }

  public SGDKMeansModel setFeaturesCol(String value) {
    return (SGDKMeansModel) set(featuresCol(), value);
  }

  public SGDKMeansModel setPredictionCol(String value) {
    return (SGDKMeansModel) set(predictionCol(), value);
  }

  public Vector[] clusterCenters() {
    return centres.toVectors();
  }

  public int numFeatures() {
    return centres.numFeatures();
  }

  /** The index of the centre nearest to {@code features}. */
  public int predict(Vector features) {
    return centres.predict(features);
  }

  public boolean hasSummary() {
    return summary != null;
  }

  /** The training summary; only models returned by {@code fit} have one (not loaded or copied ones). */
  public SGDKMeansSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("No training summary available for this model (it was loaded or copied)");
    }
    return summary;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return KMeansSchema.validateAndTransform(schema, this);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    ClusterCentres model = centres; // the UDF ships the centres, not this stage
    UserDefinedFunction nearest = udf((UDF1<Vector, Integer>) model::predict, DataTypes.IntegerType);
    return dataset.withColumn(getPredictionCol(), nearest.apply(col(getFeaturesCol())));
  }

  @Override
  public SGDKMeansModel copy(ParamMap extra) {
    SGDKMeansModel copy = copyValues(new SGDKMeansModel(uid(), centres, counts, trainingState), extra);
    copy.setParent(parent());
    return copy;
  }

  /** What Spark Connect's model cache counts (Spark 4): centres, counts and params, see {@link ModelSize}. */
  public long estimatedSize() {
    return centres.sizeInBytes() + ModelSize.of(this, counts);
  }

  @Override
  public MLWriter write() {
    return new KMeansModelIO.Writer(this);
  }

  public static MLReader<SGDKMeansModel> read() {
    return new KMeansModelIO.Reader();
  }

  public static SGDKMeansModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "SGDKMeansModel: uid=" + uid() + ", k=" + centres.k() + ", numFeatures=" + numFeatures();
  }
}
