/**
 * The few vector kernels the solvers need. Dense ones delegate to netlib BLAS (no Breeze); sparse ones
 * are plain loops over CSR slices, written so that hot paths allocate nothing.
 */
package io.github.sparkasgd.linalg;
