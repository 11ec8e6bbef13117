/**
 * Losses and regularizers, one small stateless class each. A loss sees only a row's margins and label
 * and writes its derivative into a caller-owned buffer, so every solver (batch, mini-batch,
 * SimuParallel, async) shares the same objective code and nothing allocates per row.
 */
package io.github.sparkasgd.objective;
