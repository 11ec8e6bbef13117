package io.github.sparkasgd.exchange;

/** What a frame asks or answers. Codes are part of the wire format; never renumber them. */
public enum MessageType {
  /** worker -> driver: a (re)started task attempt announces itself; reply MODEL. */
  REGISTER(1),
  /** worker -> driver: progress since the last exchange (delta, or own state for asgd); reply MODEL. */
  PUSH(2),
  /** driver -> worker: model (or changed coordinates) and, for asgd, states deposited for the worker. */
  MODEL(3),
  /** worker -> driver: the task is done; carries its final state; reply ACK. */
  FINISH(4),
  /** driver -> worker: acknowledged, nothing else to say. */
  ACK(5),
  /** driver -> worker: the message was rejected (stale attempt, unknown fit); the worker must stop. */
  REJECT(6);

  final int code;

  MessageType(int code) {
    this.code = code;
  }

  static MessageType fromCode(int code) {
    for (MessageType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new FrameFormatException("unknown message type " + code);
  }
}
