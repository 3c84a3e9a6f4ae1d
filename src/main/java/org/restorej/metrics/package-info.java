/**
 * Image quality as the papers report it and as scikit-image computes it: {@link org.restorej.metrics.Psnr} and
 * {@link org.restorej.metrics.Ssim}, always with a stated data range.
 */
package org.restorej.metrics;
