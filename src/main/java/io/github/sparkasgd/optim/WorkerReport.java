package io.github.sparkasgd.optim;

import java.io.Serializable;

/**
 * What an async worker task returns to the driver besides what it pushed.
 *
 * @param rows the rows the worker trained on
 * @param seconds from registration to the last exchange: the time its threads were stepping
 * @param savedPushBytes what compression saved on its pushes
 * @param peerBytes gossip: bytes it read from other executors
 * @param masterCalls gossip: its calls to Spark's block manager master
 */
record WorkerReport(int worker, int rows, long examples, double seconds, double epochs, long roundTrips,
    double roundTripSecondsSum, double roundTripSecondsMax, long savedPushBytes, long peerBytes, long masterCalls)
    implements Serializable {

  WorkerReport(int worker, int rows, long examples, double seconds, double epochs, long roundTrips,
      double roundTripSecondsSum, double roundTripSecondsMax) {
    this(worker, rows, examples, seconds, epochs, roundTrips, roundTripSecondsSum, roundTripSecondsMax, 0, 0, 0);
  }
}
