package org.restorej.data;

import org.restorej.array.NhwcArray;

/**
 * One evaluation image: the camera that took it, its clean expected image and a noisy acquisition, both in the
 * camera's ADU.
 *
 * @param name what tables call it
 * @param source what it shows: a {@link SceneFamily} name for generated scenes, the scene's file name for real ones
 */
public record Acquisition(String name, String source, Camera camera, NhwcArray clean, NhwcArray noisy) {}
