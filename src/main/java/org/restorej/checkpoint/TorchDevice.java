package org.restorej.checkpoint;

/** A {@code torch.device(...)} value; kept only so that a pickle mentioning one can be read. */
record TorchDevice(String type, long index) {}
