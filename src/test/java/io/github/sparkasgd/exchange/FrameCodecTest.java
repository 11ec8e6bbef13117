package io.github.sparkasgd.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private final FrameCodec codec = new FrameCodec(6, 3);

  private static Frame frame(List<WeightVector> vectors) {
    return new Frame(MessageType.PUSH, 42L, 7, 1, 3, 2, 99L, 5L, Frame.STOP, 1.5, 2.5, 1000L, vectors);
  }

  @Test
  void roundTripsDenseAndSparseVectors() {
    WeightVector dense = WeightVector.dense(new double[] {1, -2, 3, 0, 0, 6});
    WeightVector sparse = new WeightVector(6, new int[] {1, 4}, new double[] {0.5, -7});
    Frame in = frame(List.of(dense, sparse));
    Frame out = codec.decode(codec.encode(in));
    assertEquals(in.type(), out.type());
    assertEquals(42L, out.fitId());
    assertEquals(7, out.stageId());
    assertEquals(1, out.stageAttempt());
    assertEquals(3, out.worker());
    assertEquals(2, out.taskAttempt());
    assertEquals(99L, out.seq());
    assertEquals(5L, out.clock());
    assertTrue(out.has(Frame.STOP));
    assertEquals(1.5, out.lossSum());
    assertEquals(2.5, out.lossWeight());
    assertEquals(1000L, out.examples());
    assertNull(out.vectors().get(0).indices());
    assertArrayEquals(dense.values(), out.vectors().get(0).values());
    assertArrayEquals(new int[] {1, 4}, out.vectors().get(1).indices());
    assertArrayEquals(new double[] {0, 0.5, 0, 0, -7, 0}, out.vectors().get(1).toDense());
  }

  @Test
  void compactPicksTheSmallerForm() {
    assertTrue(WeightVector.compact(new double[] {0, 0, 3, 0, 0, 0}).isSparse());
    assertTrue(!WeightVector.compact(new double[] {1, 2, 3, 4, 5, 0}).isSparse());
  }

  @Test
  void rejectsFramesWithImpossibleSizesBeforeAllocating() {
    byte[] ok = codec.encode(frame(List.of(WeightVector.dense(new double[6]))));
    int countAt = FrameCodec.HEADER_BYTES - 4;
    byte[] tooMany = ok.clone();
    ByteBuffer.wrap(tooMany).putInt(countAt, Integer.MAX_VALUE);
    assertThrows(FrameFormatException.class, () -> codec.decode(tooMany));
    byte[] wrongLength = ok.clone();
    ByteBuffer.wrap(wrongLength).putInt(FrameCodec.HEADER_BYTES + 1, 1 << 30);
    assertThrows(FrameFormatException.class, () -> codec.decode(wrongLength));
    byte[] sparseHuge = codec.encode(frame(List.of(new WeightVector(6, new int[] {2}, new double[] {1}))));
    ByteBuffer.wrap(sparseHuge).putInt(FrameCodec.HEADER_BYTES + 5, Integer.MAX_VALUE);
    assertThrows(FrameFormatException.class, () -> codec.decode(sparseHuge));
    assertThrows(FrameFormatException.class, () -> codec.decode(new byte[(int) codec.maxFrameBytes() + 1]));
    assertThrows(FrameFormatException.class, () -> codec.decode(new byte[3]));
    assertThrows(FrameFormatException.class, () -> codec.decode(null));
  }

  @Test
  void rejectsUnorderedOrOutOfRangeSparseIndices() {
    byte[] b = codec.encode(frame(List.of(new WeightVector(6, new int[] {1, 4}, new double[] {1, 2}))));
    int firstIndex = FrameCodec.HEADER_BYTES + 1 + 4 + 4;
    byte[] unordered = b.clone();
    ByteBuffer.wrap(unordered).putInt(firstIndex, 4);
    assertThrows(FrameFormatException.class, () -> codec.decode(unordered));
    byte[] outside = b.clone();
    ByteBuffer.wrap(outside).putInt(firstIndex + 4, 6);
    assertThrows(FrameFormatException.class, () -> codec.decode(outside));
  }

  @Test
  void compressedVectorsRoundTripInAVersion2Frame() {
    WeightVector sparse32 = new WeightVector(6, new int[] {1, 4}, new double[] {0.5, -2.25},
        WeightVector.Encoding.SPARSE32);
    WeightVector qsgd = new WeightVector(6, new int[] {0, 2, 5}, new double[] {0.75, -2.25, 3.0},
        WeightVector.Encoding.qsgd(4, 3.0));
    byte[] bytes = codec.encode(frame(List.of(sparse32, qsgd)));
    assertEquals(FrameCodec.COMPRESSED_VERSION, bytes[4]);
    assertEquals(FrameCodec.HEADER_BYTES + FrameCodec.encodedBytes(sparse32) + FrameCodec.encodedBytes(qsgd),
        bytes.length);
    List<WeightVector> back = codec.decode(bytes).vectors();
    assertArrayEquals(sparse32.indices(), back.get(0).indices());
    assertArrayEquals(sparse32.values(), back.get(0).values());
    assertArrayEquals(qsgd.indices(), back.get(1).indices());
    assertArrayEquals(qsgd.values(), back.get(1).values());
    assertEquals(FrameCodec.VERSION, codec.encode(frame(List.of(WeightVector.dense(new double[6]))))[4],
        "an uncompressed frame stays version 1");
    byte[] asVersion1 = bytes.clone();
    asVersion1[4] = FrameCodec.VERSION;
    assertThrows(FrameFormatException.class, () -> codec.decode(asVersion1));
  }

  /** Random corruption of valid frames: decoding yields a frame or a FrameFormatException, nothing else. */
  @Test
  void fuzzedFramesNeverEscapeAsOtherExceptions() {
    Random r = new Random(1);
    byte[][] seeds = {
        codec.encode(frame(List.of(WeightVector.dense(new double[] {1, 2, 3, 4, 5, 6})))),
        codec.encode(frame(List.of(new WeightVector(6, new int[] {0, 5}, new double[] {1, 2}),
            WeightVector.dense(new double[6])))),
        codec.encode(frame(List.of())),
        codec.encode(frame(List.of(new WeightVector(6, new int[] {1, 4}, new double[] {0.5, -2.25},
            WeightVector.Encoding.SPARSE32)))),
        codec.encode(frame(List.of(new WeightVector(6, new int[] {0, 2, 5}, new double[] {0.75, -2.25, 3.0},
            WeightVector.Encoding.qsgd(4, 3.0)), WeightVector.dense(new double[6]))))};
    int accepted = 0;
    for (int trial = 0; trial < 200_000; trial++) {
      byte[] seed = seeds[trial % seeds.length];
      byte[] b;
      switch (r.nextInt(4)) {
        case 0 -> b = java.util.Arrays.copyOf(seed, r.nextInt(seed.length + 1));
        case 1 -> {
          b = seed.clone();
          for (int k = 0; k < 1 + r.nextInt(4); k++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
          }
        }
        case 2 -> {
          b = java.util.Arrays.copyOf(seed, seed.length + 1 + r.nextInt(16));
          for (int k = seed.length; k < b.length; k++) {
            b[k] = (byte) r.nextInt(256);
          }
        }
        default -> {
          b = new byte[r.nextInt(200)];
          r.nextBytes(b);
        }
      }
      try {
        Frame f = codec.decode(b);
        accepted++;
        for (WeightVector v : f.vectors()) {
          assertEquals(6, v.length());
        }
      } catch (FrameFormatException expected) {
        // rejected cleanly
      } catch (RuntimeException e) {
        fail("decoder escaped with " + e, e);
      }
    }
    assertTrue(accepted > 0, "value-only mutations still decode");
  }
}
