package io.github.sparkasgd.data;

import java.util.Iterator;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Builds one partition of generated sparse rows (made one at a time, never held) in whatever heap
 * this JVM was given, and prints the finished blocks' bytes: {@link BlockMemoryTest} runs it in a
 * child JVM whose heap is too small for two copies of the partition.
 */
public final class BoundedHeapBuild {
  static final int NONZEROS = 50;
  static final int FEATURES = 100_000;

  private BoundedHeapBuild() {}

  public static void main(String[] args) {
    int rows = Integer.parseInt(args[0]);
    ValuePrecision precision = ValuePrecision.fromParam(args[1]);
    InputSpec spec = new InputSpec("features", "label", "", false, 0, 0, 7, false, precision);
    BuiltPartition built = new BlockBuilder(spec, 0).build(generated(rows));
    System.out.println("built " + built.stats().storedBytes());
  }

  /** Finished bytes of {@code rows} generated rows: values, indices, row pointers and float labels. */
  static long finishedBytes(long rows, ValuePrecision precision) {
    long nnz = rows * NONZEROS;
    return nnz * ((precision == ValuePrecision.FLOAT32 ? 4 : 8) + 4) + 8 * rows;
  }

  @SuppressWarnings("unchecked")
  static Iterator<InternalRow> generated(int rows) {
    UserDefinedType<Vector> udt = (UserDefinedType<Vector>) (UserDefinedType<?>) SQLDataTypes.VectorType();
    SplittableRandom r = new SplittableRandom(1);
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < rows;
      }

      @Override
      public InternalRow next() {
        int[] idx = new int[NONZEROS];
        double[] val = new double[NONZEROS];
        int step = FEATURES / NONZEROS;
        for (int k = 0; k < NONZEROS; k++) {
          idx[k] = k * step + r.nextInt(step);
          val[k] = r.nextGaussian();
        }
        return new GenericInternalRow(new Object[] {udt.serialize(Vectors.sparse(FEATURES, idx, val)),
            (double) next++, 1.0});
      }
    };
  }
}
