package io.github.sparkasgd.data;

/**
 * Rows gathered into one of the builder's buckets, in arrival order: either dense (every row
 * {@code numFeatures} values) or CSR (per-row lengths, indices and values). Values are kept in the
 * precision the block will store. Owned by one builder thread.
 */
final class StagedRows {
  final boolean dense;
  final PagedArrays.Ints lengths;
  final PagedArrays.Ints indices;
  final PagedArrays.Paged values;
  final PagedArrays.Doubles labels = new PagedArrays.Doubles();
  final PagedArrays.Doubles weights = new PagedArrays.Doubles();

  StagedRows(boolean dense, ValuePrecision precision) {
    this.dense = dense;
    this.lengths = dense ? null : new PagedArrays.Ints();
    this.indices = dense ? null : new PagedArrays.Ints();
    this.values = PagedArrays.values(precision);
  }

  int numRows() {
    return (int) labels.size();
  }

  long numValues() {
    return values.size();
  }

  void release() {
    values.release();
    labels.release();
    weights.release();
    if (!dense) {
      lengths.release();
      indices.release();
    }
  }

  long allocatedBytes() {
    return values.allocatedBytes() + labels.allocatedBytes() + weights.allocatedBytes()
        + (dense ? 0 : lengths.allocatedBytes() + indices.allocatedBytes());
  }
}
