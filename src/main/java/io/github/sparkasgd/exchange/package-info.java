/**
 * The async machinery: the binary wire format, the driver-side exchange server with its merge
 * policies and consistency rules (staleness bound, synchronous rounds with backup
 * workers), and the worker client. Only {@link io.github.sparkasgd.exchange.SparkRpc}
 * touches Spark internals; everything else is plain Java that never reads a Row.
 */
package io.github.sparkasgd.exchange;
