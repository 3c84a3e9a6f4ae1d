package org.restorej.checkpoint;

/**
 * A storage as named by a pickle's persistent id {@code ('storage', type, key, location, numel)}.
 * The bytes live in the archive entry {@code <root>/data/<key>}.
 */
record StorageRef(StorageType type, String key, String location, long numel) {}
