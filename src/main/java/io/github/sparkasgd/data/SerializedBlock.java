package io.github.sparkasgd.data;

import java.io.Serializable;

/**
 * What Java serialization writes in place of a {@link Block}: its {@link BlockCodec} bytes, one bulk
 * byte array, and reading it back validates them. Default serialization of a block would write the
 * same arrays but trust whatever it reads.
 */
final class SerializedBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;

  SerializedBlock(byte[] bytes) {
    this.bytes = bytes;
  }

  private Object readResolve() {
    return BlockCodec.decode(bytes);
  }
}
