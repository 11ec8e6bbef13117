"""What every generated wrapper shares: loading through the JVM class it names, classic or Connect."""

from pyspark.ml.util import JavaMLReader, MLReader
from pyspark.sql.utils import is_remote


class _JvmReader(JavaMLReader):
    """A JavaMLReader for a class outside org.apache.spark: PySpark would derive the JVM class
    from the Python module name, which for third-party classes names no JVM class."""

    @classmethod
    def _java_loader_class(cls, clazz):
        return clazz._java_class


class _ConnectJvmReader(MLReader):
    """Loads over Spark Connect (PySpark 4): asks the server to read the JVM class the wrapper names.
    PySpark's RemoteMLReader derives that name from the Python module, as JavaMLReader does."""

    def __init__(self, clazz):
        super().__init__()
        self._clazz = clazz

    def load(self, path):
        import pyspark.sql.connect.proto as pb2
        from pyspark.ml.connect.serialize import deserialize, deserialize_param
        from pyspark.ml.util import RemoteModelRef
        from pyspark.ml.wrapper import JavaModel
        from pyspark.sql.connect.session import SparkSession

        session = SparkSession.getActiveSession()
        is_model = issubclass(self._clazz, JavaModel)
        kind = pb2.MlOperator.OPERATOR_TYPE_MODEL if is_model else pb2.MlOperator.OPERATOR_TYPE_ESTIMATOR
        command = pb2.Command()
        command.ml_command.read.CopyFrom(pb2.MlCommand.Read(
            operator=pb2.MlOperator(name=self._clazz._java_class, type=kind), path=path))
        (_, properties, _) = session.client.execute_command(command)
        result = deserialize(properties)
        instance = self._clazz(RemoteModelRef(result.obj_ref.id)) if is_model else self._clazz()
        instance._resetUid(result.uid)
        instance._set(**{k: deserialize_param(v) for k, v in result.params.params.items()})
        return instance


class JvmStage:
    """Mixin of the generated estimators and models: ``_java_class`` names the JVM class."""

    _java_class = None
    _java_obj = None  # PySpark's __del__ reads it even when __init__ failed on bad arguments

    @classmethod
    def read(cls):
        """Returns an MLReader for this class."""
        return _ConnectJvmReader(cls) if is_remote() else _JvmReader(cls)

    def _java_object(self, method):
        """The JVM object a no-arg method of ours returns (a summary), for a wrapper to hold."""
        if is_remote():
            raise NotImplementedError(
                "%s.%s is not available over Spark Connect: its server calls only the model methods on "
                "its allowlist of MLlib classes (numFeatures, numClasses, predict, predictRaw, "
                "predictProbability, toString for ours); see README, Spark Connect"
                % (type(self).__name__, method))
        return getattr(self._java_obj, method)()
