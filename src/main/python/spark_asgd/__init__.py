"""PySpark wrappers of spark-asgd's estimators (generated from the JVM classes at build time).

Importing this package also lets PySpark find the Python class of a JVM stage of ours, as
``PipelineModel.load`` and ``JavaParams._from_java`` do: they import the stage's JVM package with
``org.apache.spark`` replaced by ``pyspark``, which for ``io.github.sparkasgd.ml.classification``
would import the standard library's ``io`` module and fail. Each JVM package is entered into
``sys.modules`` as an alias of the Python module that wraps it, so import ``spark_asgd`` before
loading a saved pipeline that holds our stages.
"""

import importlib
import sys

from spark_asgd._jvm_modules import JVM_MODULES

__all__ = []
for _jvm, _py in JVM_MODULES.items():
    _module = importlib.import_module(_py)
    sys.modules.setdefault(_jvm, _module)
    for _name in _module.__all__:
        globals()[_name] = getattr(_module, _name)
        __all__.append(_name)
