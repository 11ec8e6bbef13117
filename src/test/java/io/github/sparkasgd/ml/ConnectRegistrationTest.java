package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;
import org.apache.spark.util.SizeEstimator;
import org.junit.jupiter.api.Test;

/**
 * What Spark Connect ML (Spark 4) needs to create, fit and load our stages by name: the ServiceLoader
 * lists under META-INF/services, read the way its MLUtils reads them (provider types, then a uid
 * constructor or a static load), and a model size for its cache that leaves out driver objects.
 */
class ConnectRegistrationTest {

  private static List<String> wrappedEstimators() throws Exception {
    return Files.readAllLines(Path.of("src/main/python/estimators.txt")).stream()
        .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
  }

  /**
   * As Connect's MLUtils.loadOperators: the provider types by name, without instantiating them (on Spark
   * 4 MLlib's own list holds models whose no-arg constructors fail). Listing a class that has no public
   * no-arg constructor still fails the whole lookup, for every operator.
   */
  private static Map<String, Class<?>> providers(Class<?> service) {
    return ServiceLoader.load(service).stream().collect(Collectors.toMap(p -> p.type().getName(),
        ServiceLoader.Provider::type, (a, b) -> a));
  }

  private static Class<?> modelOf(Class<?> estimator) {
    for (Method m : estimator.getDeclaredMethods()) {
      if ((m.getName().equals("fit") || m.getName().equals("train")) && m.getParameterCount() == 1
          && !m.isBridge() && Model.class.isAssignableFrom(m.getReturnType())) {
        return m.getReturnType();
      }
    }
    throw new AssertionError(estimator + " has no fit returning a model");
  }

  @Test
  void everyWrappedEstimatorAndItsModelIsRegistered() throws Exception {
    Map<String, Class<?>> estimators = providers(Estimator.class);
    Map<String, Class<?>> transformers = providers(Transformer.class);
    for (String name : wrappedEstimators()) {
      assertTrue(estimators.containsKey(name), name + " is not in META-INF/services/org.apache.spark.ml.Estimator");
      Params created = (Params) estimators.get(name).getConstructor(String.class).newInstance("connectUid");
      assertEquals("connectUid", created.uid(), name);

      Class<?> model = modelOf(Class.forName(name));
      assertTrue(transformers.containsKey(model.getName()),
          model.getName() + " is not in META-INF/services/org.apache.spark.ml.Transformer");
      Method load = model.getMethod("load", String.class);
      assertTrue(Modifier.isStatic(load.getModifiers()) && model.isAssignableFrom(load.getReturnType()),
          model + ".load(String) is what Connect's read calls");
    }
    long ours = estimators.keySet().stream().filter(n -> n.startsWith("io.github.sparkasgd.")).count()
        + transformers.keySet().stream().filter(n -> n.startsWith("io.github.sparkasgd.")).count();
    assertEquals(2L * wrappedEstimators().size(), ours, "only the wrapped estimators and their models");
  }

  @Test
  void emptyModelsOfTheNoArgConstructorsHaveFreshUids() throws Exception {
    Map<String, Class<?>> transformers = providers(Transformer.class);
    for (Class<?> model : transformers.values().stream().filter(c -> c.getName().startsWith("io.github.sparkasgd."))
        .toList()) {
      Params a = (Params) model.getConstructor().newInstance();
      Params b = (Params) model.getConstructor().newInstance();
      assertTrue(!a.uid().equals(b.uid()), model + " uids " + a.uid());
    }
  }

  @Test
  void estimatedSizeCountsCoefficientsAndParamsNotTheParentOrItsWarmStart() {
    int n = 200_000;
    Function<Integer, SGDClassificationModel> model = features -> new SGDClassificationModel("m",
        new LinearModelData(1, features, new double[features], new double[1]), 2);
    SGDClassificationModel big = model.apply(n);
    SGDClassificationModel small = model.apply(10);
    // Each coefficient is one double: the sizes differ by its bytes, whatever the fixed part is.
    assertEquals(8L * (n - 10), big.estimatedSize() - small.estimatedSize());
    assertTrue(small.estimatedSize() < 4096, "fixed part " + small.estimatedSize());

    SGDClassifier parent = new SGDClassifier().setMaxIter(7);
    parent.setInitialModel(model.apply(n));
    big.setParent(parent);
    long graph = SizeEstimator.estimate(big);
    assertTrue(graph > 2L * 8 * n, "Spark's default estimate reaches the parent's warm-start model: " + graph);
    assertEquals(8L * (n - 10), big.estimatedSize() - small.estimatedSize(), "the parent is not counted");
  }
}
