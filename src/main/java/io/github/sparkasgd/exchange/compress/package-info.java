/**
 * Compression of the vectors an exchange sends: QSGD quantization, top-k and threshold
 * sparsification with error feedback. A compressor turns a model-sized change into the
 * {@link io.github.sparkasgd.exchange.WeightVector} that travels and keeps what it did not send.
 */
package io.github.sparkasgd.exchange.compress;
