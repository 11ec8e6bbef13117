"""The generated wrappers over Spark Connect (PySpark 4): fit, transform, params, save/load and
Pipelines run on the server; checked against MLlib's estimators over the same session and numpy.
Paths are the server's (it runs on this machine in CI)."""

import numpy as np
import pytest
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.clustering import KMeans
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.linalg import Vectors

import spark_asgd  # noqa: F401 (enters our JVM packages for PipelineModel.load)
from spark_asgd.classification import (SGDClassificationModel, SGDClassifier,
                                       SGDMultilayerPerceptronClassifier)
from spark_asgd.clustering import SGDKMeans
from spark_asgd.regression import SGDRegressor
from round_trip import estimator_and_model_round_trip


@pytest.fixture(scope="module")
def binary(spark):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 3)) * np.array([1.0, 10.0, 0.1])
    p = 1.0 / (1.0 + np.exp(-(x @ np.array([1.5, -0.2, 8.0]) + 0.3)))
    y = (rng.uniform(size=400) < p).astype(float)
    rows = [(i, Vectors.dense(r), float(t)) for i, (r, t) in enumerate(zip(x, y))]
    return spark.createDataFrame(rows, ["id", "features", "label"]).repartition(2)


def probabilities(model, df):
    return np.array([r.probability.toArray() for r in model.transform(df).orderBy("id").select("probability").collect()])


def test_fit_and_transform_give_mllibs_probabilities(binary):
    ours = SGDClassifier(solver="batch", regParam=0.05, maxIter=500, tol=0.0).fit(binary)
    mllib = LogisticRegression(regParam=0.05, maxIter=500, tol=1e-10).fit(binary)
    assert isinstance(ours, SGDClassificationModel)
    np.testing.assert_allclose(probabilities(ours, binary), probabilities(mllib, binary), atol=2e-3)


def test_params_reach_the_server(spark):
    rng = np.random.default_rng(7)
    x = rng.normal(size=(300, 2)) * np.array([1.0, 100.0])
    y = x @ np.array([2.0, -0.03]) + 4.0 + rng.normal(scale=0.1, size=300)
    df = spark.createDataFrame([(Vectors.dense(r), float(t)) for r, t in zip(x, y)], ["features", "label"])
    fitted = SGDRegressor(solver="batch", maxIter=1000, tol=0.0, predictionCol="yhat").fit(df)
    solution, *_ = np.linalg.lstsq(np.column_stack([x, np.ones(300)]), y, rcond=None)
    yhat = np.array([r.yhat for r in fitted.transform(df).select("yhat").collect()])
    np.testing.assert_allclose(yhat, np.column_stack([x, np.ones(300)]) @ solution, rtol=1e-3, atol=1e-3)
    # A penalty this large leaves the intercept alone: every prediction is the labels' mean.
    flat = SGDRegressor(solver="batch", maxIter=200, regParam=1e6).fit(df)
    predictions = np.array([r.prediction for r in flat.transform(df).select("prediction").collect()])
    np.testing.assert_allclose(predictions, y.mean(), rtol=1e-3)


def test_allowed_model_methods_and_refused_attributes(binary):
    model = SGDClassifier(solver="batch", maxIter=20).fit(binary)
    row = model.transform(binary).select("features", "rawPrediction", "probability", "prediction").first()
    assert (model.numFeatures, model.numClasses) == (3, 2)
    assert model.predict(row.features) == row.prediction
    np.testing.assert_allclose(model.predictRaw(row.features).toArray(), row.rawPrediction.toArray())
    np.testing.assert_allclose(model.predictProbability(row.features).toArray(), row.probability.toArray())
    with pytest.raises(Exception, match="coefficients .*not allowed"):
        model.coefficients
    with pytest.raises(NotImplementedError, match="Spark Connect"):
        model.summary


def test_model_and_estimator_save_and_load(binary, tmp_path):
    model, back = estimator_and_model_round_trip(binary, tmp_path)
    np.testing.assert_array_equal(probabilities(back, binary), probabilities(model, binary))


def test_pipeline_fits_saves_and_loads(spark, tmp_path):
    rng = np.random.default_rng(11)
    rows = [(i, float(a), float(b), float(a + 2 * b > 0)) for i, (a, b) in enumerate(rng.normal(size=(300, 2)))]
    df = spark.createDataFrame(rows, ["id", "a", "b", "label"])
    assembler = VectorAssembler(inputCols=["a", "b"], outputCol="features")
    fitted = Pipeline(stages=[assembler, SGDClassifier(solver="batch", maxIter=20)]).fit(df)
    accuracy = fitted.transform(df).where("prediction = label").count() / 300
    assert accuracy > 0.95
    fitted.write().overwrite().save(str(tmp_path / "pipeline"))
    loaded = PipelineModel.load(str(tmp_path / "pipeline"))
    assert [type(s) for s in loaded.stages] == [VectorAssembler, SGDClassificationModel]
    assert loaded.stages[1].getSolver() == "batch"
    assert probabilities(loaded, df).tolist() == probabilities(fitted, df).tolist()


def test_kmeans_clusters_as_mllib_and_mlp_takes_its_layers(spark):
    rng = np.random.default_rng(3)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    x = np.concatenate([c + rng.normal(size=(100, 2)) for c in centres])
    blobs = spark.createDataFrame([(i, Vectors.dense(r)) for i, r in enumerate(x)], ["id", "features"])
    ours = SGDKMeans(k=3, solver="batch", seed=5, maxIter=20, tol=0.0).fit(blobs)
    mllib = KMeans(k=3, seed=5, maxIter=20, tol=0.0).fit(blobs)
    a = [r.prediction for r in ours.transform(blobs).orderBy("id").select("prediction").collect()]
    b = [r.prediction for r in mllib.transform(blobs).orderBy("id").select("prediction").collect()]
    # The same partition of the rows, whatever each side numbers its clusters.
    assert len(set(zip(a, b))) == len(set(a)) == len(set(b)) == 3

    # XOR-labelled blobs: only a hidden layer (an int-array param) separates them.
    corners = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
    x = np.concatenate([c + 0.2 * rng.normal(size=(150, 2)) for c in corners])
    y = np.repeat([0.0, 0.0, 1.0, 1.0], 150)
    xor = spark.createDataFrame([(Vectors.dense(r), float(t)) for r, t in zip(x, y)], ["features", "label"])
    model = SGDMultilayerPerceptronClassifier(layers=[2, 8, 2], solver="batch", maxIter=300, seed=3).fit(xor)
    assert model.transform(xor).where("prediction = label").count() / 600 >= 0.95
