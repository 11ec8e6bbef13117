package io.github.sparkasgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Block building holds one copy of a partition, not two: a child JVM whose heap has room for the
 * finished blocks plus a third of them (and the JVM's own needs) builds them; a builder that staged
 * the rows and then copied them (the previous design) needs twice the blocks and runs out.
 */
class BlockMemoryTest {
  private static final int ROWS = 400_000;
  private static final long JVM_OWN_BYTES = 64L << 20;

  private static Process child(int rows, ValuePrecision precision, long heapBytes) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx" + (heapBytes >> 20) + "m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), BoundedHeapBuild.class.getName(),
        Integer.toString(rows), precision.paramValue()).redirectErrorStream(true).start();
  }

  @Test
  void aPartitionBuildsInAHeapWithRoomForOneCopy() throws Exception {
    ValuePrecision precision = ValuePrecision.FLOAT32;
    long finished = BoundedHeapBuild.finishedBytes(ROWS, precision);
    long heap = finished + finished / 3 + JVM_OWN_BYTES;
    Process p = child(ROWS, precision, heap);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), "built " + (finished >> 20) + " MB of blocks in a " + (heap >> 20)
        + " MB heap: " + out);
    List<String> lines = out.lines().filter(l -> l.startsWith("built ")).toList();
    assertEquals(1, lines.size(), out);
    long built = Long.parseLong(lines.get(0).substring("built ".length()));
    // One more row pointer per block than rows.
    assertTrue(built >= finished && built <= finished + 4L * BlockBuilder.BUCKETS, built + " vs " + finished);
  }
}
