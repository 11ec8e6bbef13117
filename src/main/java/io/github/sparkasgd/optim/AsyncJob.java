package io.github.sparkasgd.optim;

import java.io.Serializable;

/**
 * Everything an async worker task needs, shipped in its closure: never an endpoint reference
 * (tasks look the endpoint up by name).
 */
record AsyncJob(String endpointName, long fitId, SolverConfig config, int threads, int syncInterval,
    int maxVectors, long timeoutMillis, int chunkBytes) implements Serializable {}
