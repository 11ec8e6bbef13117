package io.github.sparkasgd.exchange;

/** A frame that is not one we wrote: wrong magic or version, impossible sizes, truncation, trailing bytes. */
public final class FrameFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public FrameFormatException(String message) {
    super(message);
  }
}
