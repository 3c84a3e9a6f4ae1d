/**
 * Reading PyTorch {@code .pth} checkpoints (the zip format of PyTorch 1.6 and later) without Python
 * and without trusting the file.
 *
 * <p>A {@code .pth} file is a zip archive holding a pickle ({@code <root>/data.pkl}) that describes
 * the object tree, and one raw little-endian entry per tensor storage ({@code <root>/data/<key>}).
 * In Python, unpickling can import and call anything the file names, which is why downloaded
 * checkpoints are a common malware vector. {@link org.restorej.checkpoint.PthCheckpoint} therefore
 * interprets the pickle as data: only tensors, storages, {@code collections.OrderedDict} and plain
 * containers are understood, any other Python global is refused with an
 * {@link org.restorej.checkpoint.UnsafePickleException}, nothing is instantiated reflectively, and
 * sizes, names and tensor geometry are checked before any bytes are trusted.
 *
 * <p>Tensors are handles ({@link org.restorej.checkpoint.TensorEntry}); their values are read from
 * the archive only on request, so optimizer state saved next to the weights costs nothing.
 *
 * <p>The tests' {@code PthWriter} (test sources, with its pickler and zip writer) writes the same format,
 * byte for byte as {@code torch.save} lays it out: the fixtures and the import benchmark use it, the product
 * only reads.
 */
package org.restorej.checkpoint;
