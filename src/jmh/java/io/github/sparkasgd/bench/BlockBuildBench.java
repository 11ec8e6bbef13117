package io.github.sparkasgd.bench;

import io.github.sparkasgd.data.BlockBuilder;
import io.github.sparkasgd.data.BuiltPartition;
import io.github.sparkasgd.data.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.UserDefinedType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building a block from a partition's internal rows (validation and the seeded row order included)
 * against copying the same sparse vectors' arrays into CSR with no checks, per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BlockBuildBench {
  static final int ROWS = 20_000;
  static final int NNZ = 75;
  List<InternalRow> rows;
  InputSpec spec;

  @Setup
  @SuppressWarnings("unchecked")
  public void setup() {
    UserDefinedType<Vector> udt = (UserDefinedType<Vector>) SQLDataTypes.VectorType();
    SplittableRandom r = new SplittableRandom(5);
    rows = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      int[] idx = r.ints(0, 47_236).distinct().limit(NNZ).sorted().toArray();
      double[] val = r.doubles(NNZ).toArray();
      Object vector = udt.serialize(Vectors.sparse(47_236, idx, val));
      rows.add(new GenericInternalRow(new Object[] {vector, (double) r.nextInt(2), 1.0}));
    }
    spec = new InputSpec("features", "label", "", true, 2, 0, 42);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public BuiltPartition blockBuilder() {
    return new BlockBuilder(spec, 0).build(rows.iterator());
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int[] baseline() {
    int[] indptr = new int[ROWS + 1];
    int[] indices = new int[ROWS * NNZ];
    double[] values = new double[ROWS * NNZ];
    double[] labels = new double[ROWS];
    int at = 0;
    for (int i = 0; i < ROWS; i++) {
      InternalRow row = rows.get(i);
      InternalRow v = row.getStruct(0, 4);
      int[] idx = v.getArray(2).toIntArray();
      System.arraycopy(idx, 0, indices, at, idx.length);
      System.arraycopy(v.getArray(3).toDoubleArray(), 0, values, at, idx.length);
      at += idx.length;
      indptr[i + 1] = at;
      labels[i] = row.getDouble(1);
    }
    return indptr;
  }
}
