/**
 * Decentralized gossip ({@code exchange = "gossip"}, D-PSGD): workers on a graph average their
 * parameters with their neighbours' every exchange, with no central model. Parameters travel
 * between executors as Spark blocks ({@link io.github.sparkasgd.exchange.gossip.SparkBlocks}, the one
 * class here that touches Spark internals); the driver's endpoint only coordinates.
 */
package io.github.sparkasgd.exchange.gossip;
