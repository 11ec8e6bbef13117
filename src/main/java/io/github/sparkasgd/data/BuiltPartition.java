package io.github.sparkasgd.data;

import java.io.Serializable;
import java.util.List;

/**
 * A partition's blocks together with the statistics of the pass that built them.
 *
 * @param blocks null when the pass met an invalid row (recorded in the stats)
 */
public record BuiltPartition(List<Block> blocks, BlockStats stats) implements Serializable {}
