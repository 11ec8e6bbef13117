package io.github.sparkasgd.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} command-line options over a table of defaults; unknown names are errors. */
final class Options {
  private final Map<String, String> values = new LinkedHashMap<>();

  Options(Map<String, String> defaults, String[] args) {
    values.putAll(defaults);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || !values.containsKey(a.substring(2))) {
        throw new IllegalArgumentException("Unknown option '" + a + "'\n" + usage());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Option " + a + " needs a value");
      }
      values.put(a.substring(2), args[++i]);
    }
  }

  String get(String name) {
    return values.get(name);
  }

  int getInt(String name) {
    return Integer.parseInt(values.get(name));
  }

  long getLong(String name) {
    return Long.parseLong(values.get(name));
  }

  double getDouble(String name) {
    return Double.parseDouble(values.get(name));
  }

  boolean getBoolean(String name) {
    return Boolean.parseBoolean(values.get(name));
  }

  String usage() {
    StringBuilder sb = new StringBuilder("Options (default):\n");
    values.forEach((k, v) -> sb.append("  --").append(k).append(" (").append(v).append(")\n"));
    return sb.toString();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
