package org.restorej.imagej;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffDecoder;

import org.restorej.io.PartialFiles;
import org.restorej.tiff.read.TiffImageInfo;

/**
 * TIFF files through ImageJ 1: 8-, 16- and 32-bit and RGB, stacks and hyperstacks, with the calibration
 * ImageJ stores in them. Reading reports failures as exceptions instead of ImageJ's error dialogs;
 * writing goes to a temporary name in the target folder, renamed when complete, so that a failed or
 * cancelled write never leaves a half-written file under the final name.
 */
public final class TiffFiles {

	private TiffFiles() {}

	public static boolean isTiff(final Path file) {
		final String n = file.getFileName().toString().toLowerCase();
		return n.endsWith(".tif") || n.endsWith(".tiff");
	}

	/** @throws InvalidImageException if the file is not a TIFF ImageJ can read */
	public static ImagePlus open(final Path file) {
		if (!Files.isRegularFile(file)) throw new InvalidImageException("No such file: " + file + ".");
		requireImageJLayout(file);
		final FileInfo[] info;
		try {
			final Path dir = file.toAbsolutePath().getParent();
			info = new TiffDecoder(dir.toString() + java.io.File.separator, file.getFileName().toString()).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			throw unreadable(file, e.getMessage());
		}
		if (info == null || info.length == 0) throw unreadable(file, "no image in it");
		final ImagePlus imp;
		try {
			imp = info.length > 1 ? new Opener().openTiffStack(info) : new FileOpener(info[0]).openImage();
		}
		catch (final RuntimeException e) {
			throw unreadable(file, e.toString());
		}
		if (imp == null || imp.getWidth() == 0) throw unreadable(file, "ImageJ could not read its pixels");
		imp.setTitle(file.getFileName().toString());
		return imp;
	}

	/**
	 * Writes {@code image} as TIFF to {@code target}, through a temporary file renamed when complete.
	 *
	 * @throws OutputExistsException if {@code target} exists and {@code overwrite} is false
	 */
	public static void save(final ImagePlus image, final Path target, final boolean overwrite) throws IOException {
		if (Files.exists(target) && !overwrite) throw new OutputExistsException(target,
			"pass overwrite (--overwrite on the command line) to replace it, or choose another output.");
		final Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		final Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
			.nextLong()) + ".part.tif");
		final String title = image.getTitle();
		PartialFiles.writing(temp);
		try {
			final FileSaver saver = new FileSaver(image);
			final boolean ok = image.getStackSize() > 1 ? saver.saveAsTiffStack(temp.toString()) : saver.saveAsTiff(temp
				.toString());
			if (!ok || !Files.isRegularFile(temp)) throw new IOException("ImageJ could not write " + target +
				" (is the folder writable, is there space left?)");
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temp);
			PartialFiles.done(temp);
			// FileSaver renames the image after the file it wrote: the temporary name
			image.setTitle(title);
		}
	}

	/** ImageJ 1 reads neither BigTIFF nor tiled TIFF: say so, and how such files are restored anyway. */
	private static void requireImageJLayout(final Path file) {
		final TiffImageInfo layout;
		try {
			layout = TiffImageInfo.read(file);
		}
		catch (final RuntimeException e) {
			// not a layout RestoreJ's own reader knows: ImageJ's reading below says what is wrong
			return;
		}
		if (layout.bigTiff() || layout.tiled()) throw new InvalidImageException("Cannot read " + file + " with " +
			"ImageJ 1: it is a " + (layout.bigTiff() ? "BigTIFF" : "tiled TIFF") + ". Restore it with streaming " +
			"(streaming=auto or on; --streaming auto or on on the command line), which reads it region by region, or " +
			"open it in Fiji with Bio-Formats.");
	}

	private static InvalidImageException unreadable(final Path file, final String why) {
		return new InvalidImageException("Cannot read " + file + " as a TIFF image (" + why + "): RestoreJ reads " +
			"8-, 16- and 32-bit and RGB TIFF files and stacks; convert it, or remove it from the input.");
	}
}
