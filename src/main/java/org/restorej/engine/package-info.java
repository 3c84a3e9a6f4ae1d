/**
 * The restoration engine: runs a RestoreJ model over an ImgLib2 image of any size, tile by tile, into
 * an ImgLib2 image of the caller's choice. The Fiji commands, macros, command line and batch jobs all
 * call {@link org.restorej.engine.Restorer}.
 *
 * <pre>
 * try (PlacedModel model = ModelLoader.load(modelDir, ExecutionOptions.cpu(), EngineLog.SYSTEM)) {
 * 	Restorer restorer = Restorer.of(model); // one per model; any number of threads
 * 	RestoreOptions options = RestoreOptions.defaults().withTileSize(512).withHalo(64)
 * 		.withNormalization(Normalization.percentile(1, 99.8)).withProgress(p -&gt; ...).withCancel(flag::get)
 * 		.named("cells.tif");
 * 	Img&lt;FloatType&gt; restored = restorer.restoreAsFloat(stack, Axes.of("XYCZT"), options);
 * 	// or: restoreAsInputType(...), restore(input, axes, factory, options), restore(input, axes, output, options)
 * }
 * </pre>
 *
 * <h2>Tiles</h2> Tiles live on a <em>canvas</em>: the plane padded as the model's official untiled
 * pass pads it (Restormer: bottom and right to a multiple of 8; official AST checkpoints: centred on a
 * square whose side is a multiple of its window grid). The runtime's official pass ({@code predict}, {@code verify},
 * {@code evaluate}) builds its network input from the same {@link org.restorej.engine.tiling.Canvas}.
 * One tile covering the canvas (tile {@code none}, or a tile at least that large) is that untiled
 * pass and sees the padding filled as the model declares (Restormer, and the AST models RestoreJ trains:
 * reflection; official AST checkpoints: zeros), so with
 * {@code normalize=none} (or the type range the official scripts use), no {@code clip} and float
 * output it equals the official output to float32 precision (tested against PyTorch's through
 * {@code restore} and Restore Image). Several tiles see the image's mirror image beyond its edges:
 * the official tiled tests crop inside the image and pad nothing, and mirrored context restores
 * borders better than zeros (below). {@code padding=mirror} ({@link org.restorej.engine.Padding})
 * mirrors the untiled pass too. Tiles start on that grid counted from the canvas corner, so downsampling phases and attention windows fall where
 * they fall untiled, and tiles at the canvas edges share those edges with the untiled pass. The
 * {@code halo} is the least overlap of neighbouring tiles (the official scripts' tile overlap); in the
 * middle of each overlap {@code blend} pixels (default half the halo) ramp smoothly from one tile to
 * the next, weights summing to one; the rest, {@code (halo - blend) / 2} on each side, is context
 * only. A network whose receptive field reaches no further than that context gives exactly its
 * untiled result (tested to 1e-5 on a small convolutional network over odd sizes, tile sizes, halos,
 * blends, batches, Z/T/C axes, and tiles larger than the image, which are the untiled pass). Tiles
 * are spread evenly, so they overlap by more than the halo where the image does not divide evenly.
 *
 * <h2>Memory</h2> Tiles are read through views ({@code PrimitiveBlocks} copies for the usual pixel
 * types), blended into a band of rows one tile tall, and written to the output as soon as no later tile
 * touches them. Beyond the output, the heap holds that band and a few tile-sized arrays: restoring a
 * 16-bit image computed on access into a 16-bit output kept 2.7 MB beyond the output live at 1024^2
 * and 5.7 MB at 4096^2 (the difference is the band, 256 rows x width x 4 bytes); 4096^2 runs in
 * {@code -Xmx128m}. A tile that exhausts the device's memory
 * ({@code TFResourceExhaustedException}) is restored as smaller tiles, logged, and later tiles of that
 * size are split at once; a batch that does is run tile by tile.
 *
 * <h2>Intensities</h2> {@link org.restorej.engine.normalize.Normalization}: what the model declares (the
 * default), the type's range (8-bit /255, 16-bit /65535, as the official models expect), a fixed range, none, or
 * percentiles (exact, by streaming 64-bit histograms, over the image or each plane, jointly or per
 * channel; tested on 2^31 + 2^16 pixels computed on access), mapped to the model's value range and
 * back. Nothing is clamped unless {@code clip} is asked for; integer outputs are rounded and
 * saturated. A result of which more than 1% of the network's output values lie far outside the model's
 * range and the normalised input's is reported once per image with
 * {@link org.restorej.engine.EngineLog#warning}.
 *
 * <h2>Measured (2 shared CPU cores, TensorFlow 2.18 CPU)</h2>
 * <ul>
 * <li>Restormer (random weights, dim 8, final layer scaled to correct a 768^2 pattern by 0.05 rms),
 * PSNR of tiled vs untiled (dB): tile 128: halo 0 28.2, 16 30.5, 32 32.5, 64 34.2, 96 34.3; tile 256:
 * halo 0 31.9, 16-96 39.5; tile 384: halo 0 35.0, 16-96 44.4. Channel attention sees the whole tile,
 * so the tile size matters most; a halo is needed (without one, tile edges show: seam contrast
 * 1.5-4.4) and beyond about an eighth of the tile gains little. Crop-and-paste on the same tiles: up
 * to 0.5 dB lower PSNR and visible seams (error step across the cut lines 1.6-1.9x that elsewhere,
 * 1.3x blended, at tile 128, halo 16-32).</li>
 * <li>AST (random weights, embed dim 8, one block per layer, windows on a 128 grid, RGB, correcting
 * the pattern by 0.055 rms): tile 256: halo 0 33.6, 32 39.0, 64 39.1, 128 39.4; tile 384: halo 0
 * 36.7, 32-128 45.2-45.5; tile 512 (4 tiles overlapping by 256): 60.6-68.3. Crop-and-paste: 38.8 and
 * 45.1 at tiles 256 and 384 (seam contrast 1.29 and 3.0 against 1.0 and 2.4 blended). Blending over
 * the whole halo ({@code blend = halo}) gains up to 0.5 dB at tiles of 256-384 but loses at 512, where
 * tiles overlap by much more than the halo and pixels near a tile's edge are poor: the default ramp,
 * half the halo in the middle of the overlap, is the compromise.</li>
 * <li>Padding at the borders, the bundled {@code ast-fluorescence-restoration} on 20 non-square crops
 * (96x250 to 400x230) of generated test-split scenes degraded as it was trained, PSNR against the
 * clean crop (means; the degraded band 23.8 dB): untiled, over the 16-pixel band along the edges,
 * official zero canvas 28.16 dB, mirror 29.60 dB (whole crops 29.27 and 29.50 dB); tiles of 128 that
 * read zeros in the canvas padding lost as much (band 28.14 against 30.10 dB mirrored, whole 29.45
 * against 30.12 dB), so tiles mirror. On whole held-out images (200x160, 1 to 1000 photons) the zero
 * canvas cost the blind AST (its sixth stage) 1.0 to 8.5 dB (mean 24.19 against 27.16 dB reflected), so the AST
 * models RestoreJ trains declare reflection ({@code reflect-pad}) and only imported official checkpoints
 * keep the zero canvas. Reproduce: {@code java -cp
 * target/classes:target/test-classes:... org.restorej.engine.PaddingAtTheBorders}.</li>
 * <li>Reproduce (on the test class path: {@code mvn test-compile}, then the test classes and dependencies): {@code java -cp ... org.restorej.bench.HaloCurve --size 768 --tiles 128,256,384
 * --halos 0,16,32,64,96} and {@code ... HaloCurve --arch ast --size 768 --tiles 256,384,512 --halos
 * 0,32,64,128}; any model folder with {@code --model DIR}.</li>
 * <li>2048^2 16-bit image, 3-layer 16-channel convolutional network, tiles of 256, halo 32 (81 tiles,
 * 1.27x the pixels): tiled/untiled wall time 1.38-1.50 (medians of 9 over three runs 1.45-1.50), 1.11-1.31
 * with 8 tiles per network call (medians 1.16-1.32); untiled 7-8 MP/s, tiled 5.0-5.8 MP/s, batched
 * 5.5-7.0 MP/s. The machine was shared (load 5-9 on 2 cores): figures vary by 15%. TensorFlow runs
 * single 256-pixel tiles about 20% slower per pixel than one 2048-pixel pass on this CPU; batches
 * recover most of that, so the 1.15 aim is met only with batches, and the pixels read (1.27x) bound
 * it from below. Reproduce (test class path): {@code java -Xmx2g -cp ... org.restorej.bench.TilingBenchmark
 * --reps 9}.</li>
 * </ul>
 */
package org.restorej.engine;
