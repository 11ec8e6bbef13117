"""A Spark Connect session (PySpark 4) on the server SPARK_ASGD_CONNECT names, e.g. sc://127.0.0.1:15002,
started with the spark-asgd jar on its class path (.ci/pyspark.sh 4.1.0 starts one). Without it these
tests are skipped, and the classic session of the parent conftest is never started for them."""

import os
import sys

import pytest

# The helpers shared with the classic tests, whose conftest pytest does not load when run on this folder.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pytest_configure(config):
    config.addinivalue_line("markers", "connect: runs only against a Spark Connect server")


def pytest_collection_modifyitems(items):
    for item in items:
        if "connect" in str(item.fspath):
            item.add_marker(pytest.mark.connect)


@pytest.fixture(scope="session", autouse=True)
def spark():
    url = os.environ.get("SPARK_ASGD_CONNECT")
    if not url:
        pytest.skip("SPARK_ASGD_CONNECT names no Spark Connect server")
    from pyspark.sql import SparkSession
    session = SparkSession.builder.remote(url).getOrCreate()
    yield session
    session.stop()
