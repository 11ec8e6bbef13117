package io.github.sparkasgd.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Chunked transfers between a worker's channel and the driver's assembler, wired directly. */
class ChunkingTest {
  private static final long FIT = 9;
  private static final int SIZE = 1000;
  private static final int CHUNK = 512;
  private final FrameCodec codec = new FrameCodec(SIZE, 2);
  private final ExchangeServer server = new ExchangeServer(FIT, 2, new AsgdPolicy(new double[SIZE], 2, 2, 1), codec,
      -1, false, 1_000_000, w -> 0.0, v -> false, 0, System.nanoTime());
  private final ChunkAssembler assembler = new ChunkAssembler(FIT, 2, CHUNK, codec.maxFrameBytes(), server::handle);
  private int maxChunkSeen;

  /** The RPC layer reduced to a synchronous call, recording the largest message that crossed it. */
  private final SparkRpc.Channel wire = (request, timeout) -> {
    maxChunkSeen = Math.max(maxChunkSeen, request.length);
    AtomicReference<byte[]> reply = new AtomicReference<>();
    assembler.handle(request, reply::set);
    maxChunkSeen = Math.max(maxChunkSeen, reply.get().length);
    return reply.get();
  };

  private ExchangeClient client(int worker) {
    return new ExchangeClient(new ChunkedChannel(wire, FIT, worker, CHUNK, codec.maxFrameBytes()), codec, FIT, 0, 0,
        worker, 0, 1000);
  }

  private static double[] random(Random r) {
    double[] v = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }

  @Test
  void largeFramesTravelInChunksBothWays() {
    Random r = new Random(2);
    ExchangeClient a = client(0);
    ExchangeClient b = client(1);
    a.register();
    b.register();
    double[] stateA = random(r);
    a.push(WeightVector.dense(stateA), 0, 0, 0, 0); // deposited for b: 8 KB frame, 512 B chunks
    double[] stateA2 = random(r);
    a.push(WeightVector.dense(stateA2), 1, 0, 0, 0);
    Frame toB = b.push(WeightVector.dense(random(r)), 0, 0, 0, 0);
    assertEquals(2, toB.vectors().size(), "both deposited states came back, chunked");
    assertArrayEquals(stateA, toB.vectors().get(0).toDense());
    assertArrayEquals(stateA2, toB.vectors().get(1).toDense());
    assertTrue(maxChunkSeen <= CHUNK + Chunk.HEADER_BYTES, "no message above the chunk size: " + maxChunkSeen);
    assertEquals(0, assembler.retainedBytes(), "nothing retained once transfers complete");
  }

  @Test
  void memoryStaysBoundedOverManyPushes() {
    Random r = new Random(3);
    ExchangeClient a = client(0);
    ExchangeClient b = client(1);
    a.register();
    b.register();
    for (int i = 0; i < 300; i++) {
      a.push(WeightVector.dense(random(r)), i, 0, 0, 0);
      b.push(WeightVector.dense(random(r)), i, 0, 0, 0);
      assertEquals(0, assembler.retainedBytes());
    }
    // the policy holds one state per worker and at most `capacity` deposits per mailbox
    assertEquals(600, server.stats().pushes());
  }

  @Test
  void brokenTransfersAreRejectedAndTheNextOneWorks() {
    Random r = new Random(4);
    ExchangeClient a = client(0);
    a.register();
    byte[] frame = codec.encode(new Frame(MessageType.PUSH, FIT, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        List.of(WeightVector.dense(random(r)))));
    // chunk 1 before chunk 0
    byte[] outOfOrder = Chunk.slice(Chunk.Kind.DATA, FIT, 0, 5, frame, 1, CHUNK).encode();
    assertRejected(wire.ask(outOfOrder, 1000));
    // a total larger than any valid frame is refused before allocation
    byte[] huge = new Chunk(Chunk.Kind.DATA, FIT, 0, 6, 0, 1 << 20, Integer.MAX_VALUE, new byte[CHUNK]).encode();
    assertRejected(wire.ask(huge, 1000));
    // a first chunk, then a chunk of another transfer
    wire.ask(Chunk.slice(Chunk.Kind.DATA, FIT, 0, 7, frame, 0, CHUNK).encode(), 1000);
    assertRejected(wire.ask(Chunk.slice(Chunk.Kind.DATA, FIT, 0, 8, frame, 1, CHUNK).encode(), 1000));
    // fetching a reply that does not exist
    assertRejected(wire.ask(new Chunk(Chunk.Kind.FETCH, FIT, 0, 99, 1, 2, 600, new byte[0]).encode(), 1000));
    assertThrows(FrameFormatException.class, () -> Chunk.decode(new byte[10], CHUNK, 1 << 20));
    // the endpoint still works
    assertEquals(MessageType.MODEL, a.push(WeightVector.dense(random(r)), 0, 0, 0, 0).type());
  }

  private void assertRejected(byte[] reply) {
    assertEquals(MessageType.REJECT, codec.decode(reply).type());
  }
}
