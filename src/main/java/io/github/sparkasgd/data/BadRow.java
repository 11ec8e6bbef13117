package io.github.sparkasgd.data;

import java.io.Serializable;

/** The first invalid value of a partition: which column, which row of the partition, and what is wrong. */
public record BadRow(String column, long rowInPartition, String problem) implements Serializable {}
