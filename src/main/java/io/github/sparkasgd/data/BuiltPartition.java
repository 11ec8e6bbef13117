package io.github.sparkasgd.data;

import java.io.Serializable;
import java.util.List;

/**
 * A partition's blocks together with the statistics of the pass that built them.
 *
 * @param blocks null when the pass met an invalid row (recorded in the stats)
 * @param moments the input's moments, summed by the same pass; null when not asked for, or when the
 *     builder judged them too large to keep beside the blocks
 */
public record BuiltPartition(List<Block> blocks, BlockStats stats, ColumnMoments moments) implements Serializable {}
