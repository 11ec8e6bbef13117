package io.github.sparkasgd.optim;

import java.io.Serializable;

/**
 * What an async worker task returns to the driver besides what it pushed.
 *
 * @param rows the rows the worker trained on
 * @param seconds from registration to the last exchange: the time its threads were stepping
 * @param savedPushBytes what compression saved on its pushes
 */
record WorkerReport(int worker, int rows, long examples, double seconds, double epochs, long roundTrips,
    double roundTripSecondsSum, double roundTripSecondsMax, long savedPushBytes) implements Serializable {

  WorkerReport(int worker, int rows, long examples, double seconds, double epochs, long roundTrips,
      double roundTripSecondsSum, double roundTripSecondsMax) {
    this(worker, rows, examples, seconds, epochs, roundTrips, roundTripSecondsSum, roundTripSecondsMax, 0);
  }
}
