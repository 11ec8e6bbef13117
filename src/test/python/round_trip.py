"""Save and load of an estimator and of the model it fits, shared by the classic and the Connect tests."""

from spark_asgd.classification import SGDClassificationModel, SGDClassifier


def estimator_and_model_round_trip(df, tmp_path):
    """Saves and loads an estimator, fits it, saves and loads the model; returns (fitted, loaded)."""
    est = SGDClassifier(solver="minibatch", miniBatchSize=64, regParam=0.01, maxIter=3)
    est.save(str(tmp_path / "est"))
    loaded = SGDClassifier.load(str(tmp_path / "est"))
    assert isinstance(loaded, SGDClassifier) and loaded.uid == est.uid
    assert (loaded.getSolver(), loaded.getMiniBatchSize(), loaded.getRegParam()) == ("minibatch", 64, 0.01)

    model = loaded.fit(df)
    model.write().overwrite().save(str(tmp_path / "model"))
    back = SGDClassificationModel.load(str(tmp_path / "model"))
    assert isinstance(back, SGDClassificationModel) and back.uid == model.uid
    assert back.getSolver() == "minibatch" and back.getMiniBatchSize() == 64
    return model, back
