"""A local[2] SparkSession with the packaged spark-asgd jar whose Scala version fits this PySpark.

The jar comes from SPARK_ASGD_JAR or target/; spark_asgd itself is imported from wherever sys.path
finds it (CI puts the built wheel there; the jar works as well, see README).
"""

import glob
import os

import pyspark
import pytest
from pyspark.sql import SparkSession

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def project_jar():
    jar = os.environ.get("SPARK_ASGD_JAR")
    if jar:
        return jar
    scala = "2.12" if pyspark.__version__.startswith("3.") else "2.13"
    jars = glob.glob(os.path.join(ROOT, "target", "spark-asgd_%s-*.jar" % scala))
    if not jars:
        raise RuntimeError("no target/spark-asgd_%s-*.jar: run mvn package first" % scala)
    return jars[0]


@pytest.fixture(scope="session", autouse=True)
def spark():
    session = (SparkSession.builder.master("local[2]").appName("spark-asgd pytest")
               .config("spark.jars", project_jar())
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    session.sparkContext.setLogLevel("WARN")
    yield session
    session.stop()
