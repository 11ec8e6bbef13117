import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Runs the %spark paragraphs of a Zeppelin note (.zpln) headless through Spark's own Scala REPL, as
 * Zeppelin's Spark interpreter would, and fails when a paragraph does not compile, throws or fails an
 * assertion (the REPL itself exits 0 on errors, so its output is checked).
 *
 * <p>Usage: {@code java -cp <classpath with spark-repl> notebooks/RunNote.java NOTE.zpln PROJECT.jar}
 */
public class RunNote {
  public static void main(String[] args) throws Exception {
    JsonNode note = new ObjectMapper().readTree(new File(args[0]));
    StringBuilder script = new StringBuilder();
    int count = 0;
    for (JsonNode p : note.get("paragraphs")) {
      String text = p.path("text").asText();
      if (!text.startsWith("%spark\n")) {
        continue;
      }
      script.append("println(\"@@ paragraph ").append(count).append(": ")
          .append(p.path("title").asText().replace("\"", "'")).append("\")\n");
      script.append(text.substring("%spark\n".length())).append('\n');
      count++;
    }
    script.append("println(\"@@ done\")\n:quit\n");

    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + "/bin/java");
    cmd.add("-Xmx3g");
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split(" ")));
    cmd.add("-Dscala.usejavacp=true");
    cmd.add("-Dspark.master=local[2]");
    cmd.add("-Dspark.driver.bindAddress=127.0.0.1");
    cmd.add("-Dspark.driver.host=127.0.0.1");
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-Dlog4j2.configurationFile=conf/log4j2.properties");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path") + File.pathSeparator + args[1]);
    cmd.add("org.apache.spark.repl.Main");
    Process repl = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (OutputStream in = repl.getOutputStream()) {
      in.write(script.toString().getBytes(StandardCharsets.UTF_8));
    }
    List<String> problems = new ArrayList<>();
    int seen = 0;
    boolean done = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(repl.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        System.out.println(line);
        if (line.startsWith("@@ paragraph")) {
          seen++;
        } else if (line.startsWith("@@ done")) {
          done = true;
        } else if (line.contains("error:") || line.matches("^(java|scala|org)\\.[\\w.$]*(Exception|Error)\\b.*")) {
          problems.add(line);
        }
      }
    }
    int exit = repl.waitFor();
    if (!problems.isEmpty() || !done || seen != count || exit != 0) {
      System.err.printf("FAILED %s: %d of %d paragraphs started, finished=%s, exit=%d, problems=%s%n",
          args[0], seen, count, done, exit, problems);
      System.exit(1);
    }
    System.out.printf("OK %s: %d paragraphs%n", args[0], count);
  }
}
