package io.github.sparkasgd.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The {@code --solver} option: a comma-separated list of runs, each a solver name optionally followed
 * by param overrides, e.g. {@code batch(maxIter=300,stepSchedule=constant),simuparallel}.
 */
record SolverRuns(String solver, Map<String, String> overrides) {

  static List<SolverRuns> parse(String spec) {
    List<SolverRuns> runs = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= spec.length(); i++) {
      char c = i < spec.length() ? spec.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        runs.add(parseOne(spec.substring(start, i).trim()));
        start = i + 1;
      }
    }
    return runs;
  }

  private static SolverRuns parseOne(String run) {
    int open = run.indexOf('(');
    if (open < 0) {
      return new SolverRuns(run, Map.of());
    }
    if (!run.endsWith(")")) {
      throw new IllegalArgumentException("Expected name(key=value,...) but got '" + run + "'");
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String kv : run.substring(open + 1, run.length() - 1).split(",")) {
      String[] parts = kv.split("=", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException("Expected key=value but got '" + kv + "' in '" + run + "'");
      }
      overrides.put(parts[0].trim(), parts[1].trim());
    }
    return new SolverRuns(run.substring(0, open).trim(), overrides);
  }

  /** Sets the solver and the overrides, by param name, on {@code stage}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void applyTo(Params stage) {
    stage.set((Param) stage.getParam("solver"), solver);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      Param p = stage.getParam(e.getKey());
      String v = e.getValue();
      // Non-string params take their JSON form (numbers, booleans); strings are given bare.
      stage.set(p, p.getClass() == Param.class ? v : p.jsonDecode(v));
    }
  }

  String label() {
    return overrides.isEmpty() ? solver : solver + overrides;
  }
}
