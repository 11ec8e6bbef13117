package io.github.sparkasgd.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * Saves and loads estimators: their params as MLlib's JSON metadata and, when one is set, their
 * initial model as a saved model under {@code initialModel/}, so a saved Pipeline that warm-starts a
 * stage still warm-starts it when loaded.
 */
public final class EstimatorIO {
  private static final String INITIAL_MODEL = "initialModel";

  private EstimatorIO() {}

  /** Writes {@code estimator}'s params and its initial model (null: none). */
  public static final class Writer extends MLWriter {
    private final Params estimator;
    private final MLWritable initialModel;

    public Writer(Params estimator, MLWritable initialModel) {
      this.estimator = estimator;
      this.initialModel = initialModel;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(estimator, path, sc(), Option.empty(), Option.empty());
      if (initialModel != null) {
        Path model = new Path(path, INITIAL_MODEL);
        try {
          initialModel.write().session(sparkSession()).save(model.toString());
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot write " + model, e);
        }
      }
    }
  }

  /** Reads what {@link Writer} wrote; {@code loadModel} loads the initial model from its path. */
  public static final class Reader<E extends Params & HasInitialModel<M, E>, M> extends MLReader<E> {
    private final Function<String, M> loadModel;

    public Reader(Function<String, M> loadModel) {
      this.loadModel = loadModel;
    }

    @Override
    public E load(String path) {
      DefaultParamsReader<E> params = new DefaultParamsReader<>();
      params.session(sparkSession());
      E estimator = params.load(path);
      Path model = new Path(path, INITIAL_MODEL);
      try {
        FileSystem fs = model.getFileSystem(sc().hadoopConfiguration());
        if (fs.exists(model)) {
          estimator.setInitialModel(loadModel.apply(model.toString()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + model, e);
      }
      return estimator;
    }
  }
}
