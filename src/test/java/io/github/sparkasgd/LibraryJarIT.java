package io.github.sparkasgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The packaged jars as `mvn package` leaves them: the library jar users add holds the estimators and
 * what they need at run time, and none of the tools (jobs, benchmark runners, plots, data generation,
 * JMH benchmarks), which go to the thin {@code tools} jar; the library's pom depends on Spark and BLAS
 * only.
 */
class LibraryJarIT {
  private static final String TOOLS = "io/github/sparkasgd/cli/";

  private static Path jar(String property) {
    String path = System.getProperty(property);
    assertTrue(path != null && Files.isRegularFile(Path.of(path)),
        "run through `mvn verify`: " + property + " (" + path + ") is the packaged jar");
    return Path.of(path);
  }

  private static Set<String> files(Path jar) throws IOException {
    Set<String> names = new TreeSet<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream().filter(e -> !e.isDirectory()).map(JarEntry::getName).forEach(names::add);
    }
    return names;
  }

  private static boolean isTool(String name) {
    return name.startsWith(TOOLS)
        || name.startsWith("io/github/sparkasgd/bench/")
        || name.contains("/jmh_generated/")
        || name.endsWith("Bench.class")
        || name.equals("META-INF/BenchmarkList")
        || name.startsWith("org/knowm/")
        || name.startsWith("org/openjdk/jmh/");
  }

  @Test
  void libraryJarHoldsTheEstimatorsAndNoTools() throws IOException {
    Set<String> names = files(jar("sparkasgd.jar"));
    assertTrue(names.contains("io/github/sparkasgd/ml/classification/SGDClassifier.class"), "no SGDClassifier");
    assertTrue(names.contains("io/github/sparkasgd/ml/regression/SGDRegressor.class"), "no SGDRegressor");
    List<String> tools = names.stream().filter(LibraryJarIT::isTool).toList();
    assertEquals(List.of(), tools, "tool classes in the library jar");
  }

  @Test
  void toolsJarHoldsTheToolsOnly() throws IOException {
    Set<String> names = files(jar("sparkasgd.tools.jar"));
    for (String tool : List.of("Train", "Benchmark", "Scaling", "DefaultsTable", "DataGen", "LineChart")) {
      assertTrue(names.contains(TOOLS + tool + ".class"), tool + " missing from the tools jar");
    }
    // thin: the library comes beside it (spark-submit --jars), never a second copy on the classpath
    assertFalse(names.contains("io/github/sparkasgd/ml/classification/SGDClassifier.class"),
        "library classes in the tools jar");
  }

  @Test
  void libraryPomDependsOnSparkAndBlasOnly() throws Exception {
    Path jar = jar("sparkasgd.jar");
    Set<String> runtime = new TreeSet<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry pom = file.stream()
          .filter(e -> e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.xml"))
          .findFirst().orElseThrow(() -> new AssertionError("no pom.xml in " + jar));
      Element project;
      try (InputStream in = file.getInputStream(pom)) {
        project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
      }
      // project/dependencies only: dependencyManagement and profiles (jmh, notebook) are not inherited
      for (Element dependency : children(child(project, "dependencies"), "dependency")) {
        Element scope = child(dependency, "scope");
        if (scope == null || !scope.getTextContent().trim().equals("test")) {
          // The Scala suffix is a property in our pom and resolved in the flattened one that is installed.
          runtime.add(child(dependency, "artifactId").getTextContent().trim().replaceFirst("_.*$", ""));
        }
      }
    }
    assertEquals(new TreeSet<>(Set.of("spark-core", "spark-mllib", "blas")), runtime, "the library's compile and provided dependencies");
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }
}
