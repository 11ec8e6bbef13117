"""What every generated wrapper shares: loading through the JVM class it names."""

from pyspark.ml.util import JavaMLReader


class _JvmReader(JavaMLReader):
    """A JavaMLReader for a class outside org.apache.spark: PySpark would derive the JVM class
    from the Python module name, which for third-party classes names no JVM class."""

    @classmethod
    def _java_loader_class(cls, clazz):
        return clazz._java_class


class JvmStage:
    """Mixin of the generated estimators and models: ``_java_class`` names the JVM class."""

    _java_class = None
    _java_obj = None  # PySpark's __del__ reads it even when __init__ failed on bad arguments

    @classmethod
    def read(cls):
        """Returns an MLReader for this class."""
        return _JvmReader(cls)
