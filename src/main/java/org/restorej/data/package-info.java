/**
 * Training and test data: image pairs from TIFF folders ({@link org.restorej.data.PairedImageFolders}, through
 * ImageJ 1) and a seeded synthetic fluorescence microscopy generator ({@link org.restorej.data.SyntheticScene},
 * {@link org.restorej.data.Degradation}, {@link org.restorej.data.SyntheticDataset}) whose held-out test split
 * the bundled models are measured on.
 */
package org.restorej.data;
