package io.github.sparkasgd.bench;

import io.github.sparkasgd.exchange.Frame;
import io.github.sparkasgd.exchange.FrameCodec;
import io.github.sparkasgd.exchange.MessageType;
import io.github.sparkasgd.exchange.WeightVector;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding and decoding an exchange frame with a Fashion-MNIST-sized dense model (7,850 weights)
 * and a 5%-dense sparse delta, against a bare ByteBuffer copy of the same doubles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrameCodecBench {
  static final int SIZE = 7850;
  FrameCodec codec;
  Frame dense;
  Frame sparse;
  byte[] denseBytes;
  byte[] sparseBytes;
  double[] model;

  @Setup
  public void setup() {
    Random r = new Random(3);
    model = r.doubles(SIZE).toArray();
    double[] delta = new double[SIZE];
    for (int i = 0; i < SIZE; i += 20) {
      delta[i] = r.nextGaussian();
    }
    codec = new FrameCodec(SIZE, 1);
    dense = frame(WeightVector.dense(model));
    sparse = frame(WeightVector.compact(delta));
    denseBytes = codec.encode(dense);
    sparseBytes = codec.encode(sparse);
  }

  private static Frame frame(WeightVector v) {
    return new Frame(MessageType.PUSH, 1, 2, 0, 1, 0, 5, 5, 0, 1.0, 1.0, 100, List.of(v));
  }

  @Benchmark
  public byte[] encodeDense() {
    return codec.encode(dense);
  }

  @Benchmark
  public Frame decodeDense() {
    return codec.decode(denseBytes);
  }

  @Benchmark
  public byte[] encodeSparse() {
    return codec.encode(sparse);
  }

  @Benchmark
  public Frame decodeSparse() {
    return codec.decode(sparseBytes);
  }

  /** The bound: copy the model's doubles into bytes and back, nothing checked. */
  @Benchmark
  public double[] roundTripBaseline() {
    ByteBuffer b = ByteBuffer.allocate(8 * SIZE);
    b.asDoubleBuffer().put(model);
    double[] out = new double[SIZE];
    ByteBuffer.wrap(b.array()).asDoubleBuffer().get(out);
    return out;
  }
}
