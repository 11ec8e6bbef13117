"""A PySpark job with spark-asgd: fits SGDClassifier next to MLlib's LogisticRegression and prints
their test accuracy. Submit it with the jar, which carries the Python package too:

    spark-submit --packages io.github.sparkasgd:spark-asgd_2.12:0.1.0-SNAPSHOT quickstart.py
    spark-submit --jars spark-asgd_2.12-0.1.0-SNAPSHOT.jar --py-files spark-asgd_2.12-0.1.0-SNAPSHOT.jar quickstart.py
"""

import sys

from pyspark.ml.classification import LogisticRegression
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import spark_asgd
from spark_asgd.classification import SGDClassifier


def main(rows):
    spark = SparkSession.builder.appName("spark-asgd quickstart").getOrCreate()
    # Generated in the executors: 10 features, the label from a hidden linear model.
    names = ["x%d" % j for j in range(10)]
    df = (spark.range(rows, numPartitions=2)
          .select(*[F.randn(seed=j).alias(name) for j, name in enumerate(names)])
          .withColumn("label", (sum(F.col(name) * (j - 4.5) for j, name in enumerate(names)) > 0).cast("double")))
    df = VectorAssembler(inputCols=names, outputCol="features").transform(df)
    train, test = df.randomSplit([0.8, 0.2], seed=1)
    evaluator = MulticlassClassificationEvaluator(metricName="accuracy")
    model = SGDClassifier(maxIter=10).fit(train)
    print("spark_asgd from %s" % spark_asgd.__file__)
    print("spark-asgd %s: test accuracy %.4f, %d epochs" % (
        model.summary.solver, evaluator.evaluate(model.transform(test)), model.summary.totalIterations))
    mllib = LogisticRegression().fit(train)
    print("MLlib LogisticRegression: test accuracy %.4f" % evaluator.evaluate(mllib.transform(test)))
    spark.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
