package io.github.sparkasgd.data;

import java.io.Serializable;

/** A partition's block together with the statistics of the pass that built it. */
public record BuiltPartition(Block block, BlockStats stats) implements Serializable {}
