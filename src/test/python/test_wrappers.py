"""The generated PySpark wrappers against independent references: MLlib's own estimators through
PySpark, numpy's least squares, and the JVM objects the wrappers drive."""

import numpy as np
import pytest
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.clustering import KMeans
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.linalg import Vectors
from pyspark.ml.param import Params

import spark_asgd
from spark_asgd.classification import (SGDClassificationModel, SGDClassifier,
                                       SGDMultilayerPerceptronClassificationModel,
                                       SGDMultilayerPerceptronClassifier)
from spark_asgd.clustering import SGDKMeans, SGDKMeansModel
from spark_asgd.regression import SGDRegressionModel, SGDRegressor
from round_trip import estimator_and_model_round_trip


def classification_rows(n=400, d=3, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)) * np.array([1.0, 10.0, 0.1])[:d]
    w = np.array([1.5, -0.2, 8.0])[:d]
    p = 1.0 / (1.0 + np.exp(-(x @ w + 0.3)))
    y = (rng.uniform(size=n) < p).astype(float)
    return [(Vectors.dense(r), float(l)) for r, l in zip(x, y)]


@pytest.fixture(scope="module")
def binary(spark):
    return spark.createDataFrame(classification_rows(), ["features", "label"]).repartition(2).cache()


def test_constructor_takes_keywords_only_and_has_the_jvm_defaults():
    with pytest.raises(TypeError):
        SGDClassifier("async")
    est = SGDClassifier(solver="batch", regParam=0.5)
    assert (est.getSolver(), est.getRegParam()) == ("batch", 0.5)
    # README's params table, written down independently of the generator.
    assert (est.getMaxIter(), est.getTol(), est.getStepSize(), est.getMiniBatchSize()) == (100, 1e-4, 0.0, 256)
    assert (est.getExchange(), est.getStaleness(), est.getLoss()) == ("delta", -1, "logistic")
    assert SGDRegressor().getLoss() == "squared" and SGDRegressor().getEpsilon() == 1.35
    assert (SGDKMeans().getK(), SGDKMeans().getMaxIter(), SGDKMeans().getInitMode()) == (2, 20, "k-means||")


@pytest.mark.parametrize("cls", [SGDClassifier, SGDRegressor, SGDKMeans, SGDMultilayerPerceptronClassifier])
def test_every_jvm_param_is_wrapped_with_the_jvm_default(cls):
    est = cls()
    java = est._java_obj
    jvm_names = sorted(p.name() for p in java.params())
    assert sorted(p.name for p in est.params) == jvm_names
    for name in jvm_names:
        jp = java.getParam(name)
        if java.hasDefault(jp):
            assert est.getOrDefault(name) == pytest.approx(_py(java.getDefault(jp).get())), name
        else:
            assert not est.hasDefault(name), name


def _py(value):
    return list(value) if hasattr(value, "__len__") and not isinstance(value, str) else value


def test_setters_return_the_stage_and_reach_the_jvm(binary):
    est = SGDClassifier().setSolver("batch").setMaxIter(3).setRegParam(0.1)
    assert isinstance(est, SGDClassifier)
    model = est.fit(binary)
    assert model._java_obj.getSolver() == "batch"
    assert model._java_obj.getRegParam() == 0.1
    assert model.summary.totalIterations == 3


def test_batch_logistic_finds_mllibs_coefficients(binary):
    ours = SGDClassifier(solver="batch", regParam=0.05, maxIter=500, tol=0.0).fit(binary)
    mllib = LogisticRegression(regParam=0.05, maxIter=500, tol=1e-10).fit(binary)
    assert isinstance(ours, SGDClassificationModel)
    np.testing.assert_allclose(ours.coefficients.toArray(), mllib.coefficients.toArray(), rtol=2e-3, atol=1e-4)
    assert ours.intercept == pytest.approx(mllib.intercept, rel=2e-3, abs=1e-4)
    assert ours.numClasses == 2 and ours.numFeatures == 3
    assert ours.coefficientMatrix.numRows == 1
    assert ours.interceptVector.toArray()[0] == pytest.approx(ours.intercept)


def test_transform_and_predict_agree(binary):
    model = SGDClassifier(solver="simuparallel", maxIter=5).fit(binary)
    row = model.transform(binary).select("features", "probability", "prediction").first()
    assert model.predict(row.features) == row.prediction
    np.testing.assert_allclose(model.predictProbability(row.features).toArray(), row.probability.toArray())
    accuracy = model.transform(binary).where("prediction = label").count() / binary.count()
    assert accuracy > 0.8


def test_summary_histories(binary):
    model = SGDClassifier(solver="batch", maxIter=7, tol=0.0).fit(binary)
    summary = model.summary
    assert model.hasSummary
    assert summary.solver == "batch"
    assert summary.totalIterations == 7
    assert len(summary.objectiveHistory) == len(summary.timeHistory) >= 7
    assert summary.objectiveHistory[-1] < summary.objectiveHistory[0]
    assert summary.timeHistory == sorted(summary.timeHistory)
    assert summary.exchangeStats is None
    stats = SGDClassifier(maxIter=2).fit(binary).summary.exchangeStats
    assert stats.examples >= 2 * 400 and stats.examplesPerSecond > 0
    assert isinstance(stats.stalenessHistogram, list)


def test_batch_squared_loss_is_numpys_least_squares(spark):
    rng = np.random.default_rng(7)
    x = rng.normal(size=(300, 3)) * np.array([1.0, 100.0, 0.01])
    y = x @ np.array([2.0, -0.03, 50.0]) + 4.0 + rng.normal(scale=0.1, size=300)
    df = spark.createDataFrame([(Vectors.dense(r), float(t)) for r, t in zip(x, y)], ["features", "label"])
    model = SGDRegressor(solver="batch", maxIter=1000, tol=0.0).fit(df)
    assert isinstance(model, SGDRegressionModel)
    solution, *_ = np.linalg.lstsq(np.column_stack([x, np.ones(300)]), y, rcond=None)
    np.testing.assert_allclose(model.coefficients.toArray(), solution[:3], rtol=1e-3)
    assert model.intercept == pytest.approx(solution[3], rel=1e-3)
    assert model.predict(Vectors.dense(x[0])) == pytest.approx(float(x[0] @ solution[:3] + solution[3]), rel=1e-3)


@pytest.fixture(scope="module")
def blobs(spark):
    rng = np.random.default_rng(3)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    x = np.concatenate([c + rng.normal(size=(100, 2)) for c in centres])
    return spark.createDataFrame([(Vectors.dense(r),) for r in x], ["features"]).repartition(2).cache()


def test_batch_kmeans_is_mllibs_lloyd(blobs):
    ours = SGDKMeans(k=3, solver="batch", seed=5, maxIter=20, tol=0.0).fit(blobs)
    mllib = KMeans(k=3, seed=5, maxIter=20, tol=0.0).fit(blobs)
    assert isinstance(ours, SGDKMeansModel)
    np.testing.assert_allclose(sorted(map(tuple, ours.clusterCenters())), sorted(map(tuple, mllib.clusterCenters())),
                               rtol=1e-6, atol=1e-6)
    assert ours.summary.trainingCost == pytest.approx(mllib.summary.trainingCost, rel=1e-6)
    first = ours.transform(blobs).first()
    assert ours.predict(first.features) == first.prediction


def test_mlp_learns_xor_and_keeps_its_probabilities_through_save_and_load(spark, tmp_path):
    # Four blobs labelled XOR-wise: no linear model exceeds about 0.5 accuracy on them.
    rng = np.random.default_rng(7)
    corners = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
    x = np.concatenate([c + 0.2 * rng.normal(size=(150, 2)) for c in corners])
    y = np.repeat([0.0, 0.0, 1.0, 1.0], 150)
    xor = spark.createDataFrame([(Vectors.dense(r), float(l)) for r, l in zip(x, y)],
                                ["features", "label"]).repartition(2).cache()
    model = SGDMultilayerPerceptronClassifier(layers=[2, 8, 2], solver="batch", maxIter=300, seed=3).fit(xor)
    assert isinstance(model, SGDMultilayerPerceptronClassificationModel)
    predictions = model.transform(xor)
    accuracy = predictions.filter("prediction = label").count() / xor.count()
    assert accuracy >= 0.95, accuracy
    path = str(tmp_path / "mlp")
    model.write().overwrite().save(path)
    loaded = SGDMultilayerPerceptronClassificationModel.load(path)
    before = [r.probability for r in predictions.select("probability").collect()]
    after = [r.probability for r in loaded.transform(xor).select("probability").collect()]
    assert before == after


def test_estimator_and_model_save_and_load(binary, tmp_path):
    model, back = estimator_and_model_round_trip(binary, tmp_path)
    assert not back.hasSummary
    np.testing.assert_array_equal(back.coefficients.toArray(), model.coefficients.toArray())


def test_pipeline_model_saved_and_loaded_from_python(spark, tmp_path):
    rng = np.random.default_rng(11)
    rows = [(float(a), float(b), float(a + 2 * b > 0)) for a, b in rng.normal(size=(300, 2))]
    df = spark.createDataFrame(rows, ["a", "b", "label"])
    assembler = VectorAssembler(inputCols=["a", "b"], outputCol="features")
    fitted = Pipeline(stages=[assembler, SGDClassifier(solver="batch", maxIter=20)]).fit(df)
    fitted.write().overwrite().save(str(tmp_path / "pipeline"))

    loaded = PipelineModel.load(str(tmp_path / "pipeline"))
    assert [type(s) for s in loaded.stages] == [VectorAssembler, SGDClassificationModel]
    assert loaded.stages[1].getSolver() == "batch"
    expected = [r.prediction for r in fitted.transform(df).select("prediction").collect()]
    assert [r.prediction for r in loaded.transform(df).select("prediction").collect()] == expected

    # A PipelineModel assembled in Python from our stages goes through _to_java on save.
    regression = SGDRegressor(solver="batch", maxIter=5).fit(assembler.transform(df))
    PipelineModel(stages=[assembler, regression]).save(str(tmp_path / "assembled"))
    stages = PipelineModel.load(str(tmp_path / "assembled")).stages
    assert isinstance(stages[1], SGDRegressionModel)
    np.testing.assert_array_equal(stages[1].coefficients.toArray(), regression.coefficients.toArray())


def test_unsaved_pipeline_with_unfitted_stages_round_trips(tmp_path):
    pipeline = Pipeline(stages=[SGDKMeans(k=4), SGDRegressor(loss="huber")])
    pipeline.save(str(tmp_path / "p"))
    stages = Pipeline.load(str(tmp_path / "p")).getStages()
    assert [type(s) for s in stages] == [SGDKMeans, SGDRegressor]
    assert stages[0].getK() == 4 and stages[1].getLoss() == "huber"


def test_jvm_packages_are_aliased_to_the_wrapper_modules():
    import sys
    assert sys.modules["io.github.sparkasgd.ml.classification"] is spark_asgd.classification
    assert set(spark_asgd.__all__) >= {"SGDClassifier", "SGDRegressor", "SGDKMeans", "SGDKMeansModel"}


def test_bad_param_value_fails_naming_the_param(binary):
    with pytest.raises(Exception, match="solver"):
        SGDClassifier(solver="nope").fit(binary)


def test_params_are_pyspark_params():
    assert isinstance(SGDClassifier(), Params)
    assert "maxIter" in SGDClassifier().explainParams()
