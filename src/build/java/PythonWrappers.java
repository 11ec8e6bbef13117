import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * Writes the PySpark wrappers of the library's estimators from the JVM classes themselves, so their
 * params (names, docs, defaults, type converters), setters and model attributes have one source of
 * truth, as SynapseML generates its wrappers. Run by Maven in {@code process-classes} (see pom.xml)
 * with the compiled classes on the class path; single-threaded.
 *
 * <p>Usage: {@code java -cp CLASSES:DEPS src/build/java/PythonWrappers.java LIST OUT_DIR}. {@code LIST}
 * names one estimator class a line ({@code #} starts a comment); its model class is the return type of
 * its {@code fit}/{@code train}, its Python module {@code spark_asgd.<last JVM package>}.
 */
public class PythonWrappers {
  private static final String PREFIX = "io.github.sparkasgd.";

  public static void main(String[] args) throws Exception {
    List<String> names = Files.readAllLines(Path.of(args[0])).stream()
        .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
    Path out = Path.of(args[1], "spark_asgd");
    Files.createDirectories(out);
    Map<String, List<Pair>> byModule = new TreeMap<>();
    for (String name : names) {
      Class<?> estimator = Class.forName(name);
      Pair pair = new Pair(estimator, modelClass(estimator));
      byModule.computeIfAbsent(pythonModule(estimator), m -> new ArrayList<>()).add(pair);
    }
    Summaries summaries = new Summaries();
    Map<String, String> jvmModules = new TreeMap<>();
    for (Map.Entry<String, List<Pair>> e : byModule.entrySet()) {
      StringBuilder py = new StringBuilder(header());
      List<String> exported = new ArrayList<>();
      StringBuilder body = new StringBuilder();
      for (Pair pair : e.getValue()) {
        body.append(new StageWriter(pair, summaries).write());
        exported.add(pair.estimator.getSimpleName());
        exported.add(pair.model.getSimpleName());
        jvmModules.put(pair.estimator.getPackageName(), "spark_asgd." + e.getKey());
      }
      py.append("from pyspark import keyword_only\n")
          .append("from pyspark.ml.param import Param, Params, TypeConverters\n")
          .append(StageWriter.imports(e.getValue()))
          .append("from spark_asgd._base import JvmStage\n")
          .append("from spark_asgd import _summaries\n\n")
          .append("__all__ = ").append(pyList(exported)).append("\n\n")
          .append(body);
      write(out.resolve(e.getKey() + ".py"), py.toString());
    }
    write(out.resolve("_summaries.py"), header() + "from pyspark.ml.wrapper import JavaWrapper\n\n" + summaries.code());
    StringBuilder modules = new StringBuilder(header())
        .append("# The JVM package of each wrapped class and the Python module that wraps it: PySpark finds the\n")
        .append("# Python class of a JVM stage (PipelineModel.load, _from_java) by importing its JVM package name.\n")
        .append("JVM_MODULES = {\n");
    jvmModules.forEach((jvm, py) -> modules.append("    ").append(pyStr(jvm)).append(": ").append(pyStr(py)).append(",\n"));
    write(out.resolve("_jvm_modules.py"), modules.append("}\n").toString());
  }

  record Pair(Class<?> estimator, Class<?> model) {}

  /** The model an estimator returns: the declared, non-bridge {@code fit} or {@code train} of one argument. */
  static Class<?> modelClass(Class<?> estimator) {
    if (!Estimator.class.isAssignableFrom(estimator)) {
      throw new IllegalArgumentException(estimator.getName() + " is not a Spark ML Estimator");
    }
    for (Method m : estimator.getDeclaredMethods()) {
      if ((m.getName().equals("fit") || m.getName().equals("train")) && m.getParameterCount() == 1
          && !m.isBridge() && Model.class.isAssignableFrom(m.getReturnType())) {
        return m.getReturnType();
      }
    }
    throw new IllegalArgumentException(estimator.getName() + " declares no fit or train returning a Model");
  }

  static String pythonModule(Class<?> c) {
    String pkg = c.getPackageName();
    return pkg.substring(pkg.lastIndexOf('.') + 1);
  }

  static String header() {
    return "# Generated at build time by src/build/java/PythonWrappers.java from the JVM classes. Do not edit.\n";
  }

  static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** One estimator and its model as Python source: a params mixin, the estimator, the model. */
  static final class StageWriter {
    /** JVM base classes and the PySpark classes that wrap them; the nearest superclass listed wins. */
    private static final Map<String, String[]> BASES = new LinkedHashMap<>();

    static {
      BASES.put("org.apache.spark.ml.classification.ProbabilisticClassifier",
          new String[] {"pyspark.ml.classification", "_JavaProbabilisticClassifier"});
      BASES.put("org.apache.spark.ml.classification.Classifier",
          new String[] {"pyspark.ml.classification", "_JavaClassifier"});
      BASES.put("org.apache.spark.ml.regression.Regressor", new String[] {"pyspark.ml.regression", "_JavaRegressor"});
      BASES.put("org.apache.spark.ml.Predictor", new String[] {"pyspark.ml.wrapper", "JavaPredictor"});
      BASES.put("org.apache.spark.ml.Estimator", new String[] {"pyspark.ml.wrapper", "JavaEstimator"});
      BASES.put("org.apache.spark.ml.classification.ProbabilisticClassificationModel",
          new String[] {"pyspark.ml.classification", "_JavaProbabilisticClassificationModel"});
      BASES.put("org.apache.spark.ml.classification.ClassificationModel",
          new String[] {"pyspark.ml.classification", "_JavaClassificationModel"});
      BASES.put("org.apache.spark.ml.regression.RegressionModel",
          new String[] {"pyspark.ml.regression", "_JavaRegressionModel"});
      BASES.put("org.apache.spark.ml.PredictionModel", new String[] {"pyspark.ml.wrapper", "JavaPredictionModel"});
      BASES.put("org.apache.spark.ml.Model", new String[] {"pyspark.ml.wrapper", "JavaModel"});
    }

    /** Model methods that are not attributes: identity, and Spark's in-place or internal hooks. */
    private static final Set<String> NOT_ATTRIBUTES = Set.of("uid", "toString", "summaryOrNull",
        "raw2probabilityInPlace", "hashCode");

    private final Pair pair;
    private final Summaries summaries;
    private final Params estimator;

    StageWriter(Pair pair, Summaries summaries) throws ReflectiveOperationException {
      this.pair = pair;
      this.summaries = summaries;
      this.estimator = (Params) pair.estimator.getConstructor(String.class).newInstance("generator");
    }

    static String[] base(Class<?> c) {
      for (Class<?> k = c; k != null; k = k.getSuperclass()) {
        String[] b = BASES.get(k.getName());
        if (b != null) {
          return b;
        }
      }
      throw new IllegalArgumentException(c.getName() + " extends no Spark ML class the generator knows");
    }

    static String imports(List<Pair> pairs) {
      Set<String> lines = new LinkedHashSet<>();
      lines.add("from pyspark.ml.util import JavaMLReadable, JavaMLWritable\n");
      for (Pair p : pairs) {
        for (Class<?> c : List.of(p.estimator, p.model)) {
          String[] b = base(c);
          lines.add("from " + b[0] + " import " + b[1] + "\n");
        }
      }
      return String.join("", lines);
    }

    String write() {
      String est = pair.estimator.getSimpleName();
      String mod = pair.model.getSimpleName();
      String mixin = "_" + est + "Params";
      Param<?>[] params = estimator.params();
      StringBuilder py = new StringBuilder();

      py.append("class ").append(mixin).append("(Params):\n")
          .append("    \"\"\"Params of ").append(est).append(" and ").append(mod).append(" (from ")
          .append(pair.estimator.getName()).append(").\"\"\"\n\n");
      for (Param<?> p : params) {
        py.append("    ").append(p.name()).append(" = Param(Params._dummy(), ").append(pyStr(p.name()))
            .append(", ").append(pyStr(p.doc())).append(", typeConverter=").append(converter(p, estimator))
            .append(")\n");
      }
      py.append("\n    def __init__(self, *args):\n        super().__init__(*args)\n        self._setDefault(");
      py.append(String.join(", ", defaults(params, estimator))).append(")\n");
      for (Param<?> p : params) {
        String cap = capitalize(p.name());
        py.append("\n    def get").append(cap).append("(self):\n")
            .append("        \"\"\"Gets the value of ").append(p.name()).append(" or its default.\"\"\"\n")
            .append("        return self.getOrDefault(self.").append(p.name()).append(")\n");
      }

      String[] eb = base(pair.estimator);
      py.append("\n\nclass ").append(est).append("(JvmStage, ").append(eb[1]).append(", ").append(mixin)
          .append(", JavaMLWritable, JavaMLReadable):\n")
          .append("    \"\"\"").append(pair.estimator.getName()).append(": fit, params and persistence on the JVM.\"\"\"\n\n")
          .append("    _java_class = ").append(pyStr(pair.estimator.getName())).append("\n\n");
      String signature = signature(params, estimator);
      py.append("    @keyword_only\n    def __init__(self, *, ").append(signature).append("):\n")
          .append("        super().__init__()\n")
          .append("        self._java_obj = self._new_java_obj(self._java_class, self.uid)\n")
          .append("        self._set(**self._input_kwargs)\n\n")
          .append("    @keyword_only\n    def setParams(self, *, ").append(signature).append("):\n")
          .append("        \"\"\"Sets params for this estimator.\"\"\"\n")
          .append("        return self._set(**self._input_kwargs)\n\n")
          .append("    def _create_model(self, java_model):\n        return ").append(mod).append("(java_model)\n");
      py.append(setters(params, pair.estimator));

      String[] mb = base(pair.model);
      py.append("\n\nclass ").append(mod).append("(JvmStage, ").append(mb[1]).append(", ").append(mixin)
          .append(", JavaMLWritable, JavaMLReadable):\n")
          .append("    \"\"\"").append(pair.model.getName()).append(": a fitted ").append(est)
          .append("; transform and attributes on the JVM.\"\"\"\n\n")
          .append("    _java_class = ").append(pyStr(pair.model.getName())).append("\n");
      py.append(setters(params, pair.model));
      py.append(attributes(pair.model));
      return py.append("\n\n").toString();
    }

    /** A setter for each param the JVM class itself has a public setter for. */
    private static String setters(Param<?>[] params, Class<?> c) {
      StringBuilder py = new StringBuilder();
      for (Param<?> p : params) {
        String cap = capitalize(p.name());
        boolean has = Arrays.stream(c.getMethods())
            .anyMatch(m -> m.getName().equals("set" + cap) && m.getParameterCount() == 1);
        if (has) {
          py.append("\n    def set").append(cap).append("(self, value):\n")
              .append("        \"\"\"Sets the value of ").append(p.name()).append(".\"\"\"\n")
              .append("        return self._set(").append(p.name()).append("=value)\n");
        }
      }
      return py.toString();
    }

    /**
     * The model's own public attributes: no-arg methods returning vectors, matrices, numbers, strings,
     * arrays or summaries (properties, as in PySpark), a vector array (a method returning numpy arrays,
     * as KMeansModel.clusterCenters), and one-vector methods such as predict.
     */
    private String attributes(Class<?> c) {
      StringBuilder py = new StringBuilder();
      Method[] methods = c.getMethods();
      Arrays.sort(methods, Comparator.comparing(Method::getName));
      Set<String> done = new LinkedHashSet<>();
      for (Method m : methods) {
        String name = m.getName();
        if (!m.getDeclaringClass().getName().startsWith(PREFIX) || Modifier.isStatic(m.getModifiers())
            || m.isBridge() || NOT_ATTRIBUTES.contains(name) || name.startsWith("get") || name.startsWith("set")
            || !done.add(name)) {
          continue;
        }
        Class<?> r = m.getReturnType();
        if (m.getParameterCount() == 1 && m.getParameterTypes()[0] == Vector.class && plain(r)) {
          py.append("\n    def ").append(name).append("(self, value):\n")
              .append("        return self._call_java(").append(pyStr(name)).append(", value)\n");
        } else if (m.getParameterCount() != 0) {
          continue;
        } else if (r == Vector[].class) {
          py.append("\n    def ").append(name).append("(self):\n")
              .append("        return [v.toArray() for v in self._call_java(").append(pyStr(name)).append(")]\n");
        } else if (plain(r)) {
          py.append("\n    @property\n    def ").append(name).append("(self):\n")
              .append("        return self._call_java(").append(pyStr(name)).append(")\n");
        } else if (summaries.isSummary(r)) {
          py.append("\n    @property\n    def ").append(name).append("(self):\n")
              .append("        return _summaries.").append(summaries.name(r)).append(".wrap(self._java_object(")
              .append(pyStr(name)).append("))\n");
        }
      }
      return py.toString();
    }

    private static String converter(Param<?> p, Params owner) {
      if (p instanceof IntParam || p instanceof LongParam) {
        return "TypeConverters.toInt";
      } else if (p instanceof DoubleParam || p instanceof FloatParam) {
        return "TypeConverters.toFloat";
      } else if (p instanceof BooleanParam) {
        return "TypeConverters.toBoolean";
      } else if (p instanceof DoubleArrayParam) {
        return "TypeConverters.toListFloat";
      } else if (p instanceof IntArrayParam) {
        return "TypeConverters.toListInt";
      } else if (p instanceof StringArrayParam) {
        return "TypeConverters.toListString";
      } else if (owner.getDefault(p).isDefined() && owner.getDefault(p).get() instanceof String) {
        return "TypeConverters.toString";
      } else if (p.name().endsWith("Col")) {
        return "TypeConverters.toString";
      }
      return "TypeConverters.identity";
    }

    private static List<String> defaults(Param<?>[] params, Params owner) {
      List<String> out = new ArrayList<>();
      for (Param<?> p : params) {
        if (owner.getDefault(p).isDefined()) {
          out.add(p.name() + "=" + pyValue(owner.getDefault(p).get()));
        }
      }
      return out;
    }

    private static String signature(Param<?>[] params, Params owner) {
      List<String> out = new ArrayList<>();
      for (Param<?> p : params) {
        out.add(p.name() + "=" + (owner.getDefault(p).isDefined() ? pyValue(owner.getDefault(p).get()) : "None"));
      }
      return String.join(", ", out);
    }
  }

  /** Wrappers for the summary and statistics classes models return, each written once. */
  static final class Summaries {
    private final Map<Class<?>, String> code = new LinkedHashMap<>();

    boolean isSummary(Class<?> c) {
      String n = c.getSimpleName();
      return c.getName().startsWith(PREFIX) && (n.endsWith("Summary") || n.endsWith("Stats"));
    }

    String name(Class<?> c) {
      if (!code.containsKey(c)) {
        code.put(c, null); // reserves the name first: summaries may nest
        code.put(c, write(c));
      }
      return c.getSimpleName();
    }

    private String write(Class<?> c) {
      StringBuilder py = new StringBuilder("class ").append(c.getSimpleName()).append("(JavaWrapper):\n")
          .append("    \"\"\"").append(c.getName()).append(", read from the JVM object.\"\"\"\n\n")
          .append("    @classmethod\n    def wrap(cls, java_obj):\n")
          .append("        return None if java_obj is None else cls(java_obj)\n");
      Method[] methods = c.getMethods();
      Arrays.sort(methods, Comparator.comparing(Method::getName));
      for (Method m : methods) {
        if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() != c
            || m.getName().equals("toString") || m.getName().equals("hashCode")) {
          continue;
        }
        Class<?> r = m.getReturnType();
        if (plain(r)) {
          py.append("\n    @property\n    def ").append(m.getName()).append("(self):\n")
              .append("        return self._call_java(").append(pyStr(m.getName())).append(")\n");
        } else if (isSummary(r)) {
          py.append("\n    @property\n    def ").append(m.getName()).append("(self):\n")
              .append("        return ").append(name(r)).append(".wrap(self._java_obj.").append(m.getName())
              .append("())\n");
        }
      }
      return py.append("\n\n").toString();
    }

    String code() {
      return String.join("", code.values());
    }
  }

  /** Types PySpark's _call_java converts to Python values itself. */
  static boolean plain(Class<?> r) {
    return r.isPrimitive() && r != void.class || r == String.class || r == Vector.class || r == Matrix.class
        || r == double[].class || r == long[].class || r == int[].class;
  }

  static String pyValue(Object v) {
    if (v instanceof String s) {
      return pyStr(s);
    } else if (v instanceof Boolean b) {
      return b ? "True" : "False";
    } else if (v instanceof Double d) {
      return d.isNaN() ? "float('nan')" : d.isInfinite() ? (d > 0 ? "float('inf')" : "float('-inf')") : d.toString();
    } else if (v instanceof Integer || v instanceof Long) {
      return v.toString();
    } else if (v instanceof double[] a) {
      return Arrays.stream(a).mapToObj(x -> pyValue(x)).toList().toString();
    }
    throw new IllegalArgumentException("no Python literal for a default of type " + v.getClass().getName());
  }

  static String pyStr(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static String pyList(List<String> names) {
    return "[" + String.join(", ", names.stream().map(PythonWrappers::pyStr).toList()) + "]";
  }

  static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
