// RestoreJ: restore one image with several tile sizes and compare each with the untiled result
// (tile=none: each plane in one pass), to choose the tile size for a model and a kind of image.
// Writes each restored image and a table (tile, halo, max and mean absolute difference, seconds).
//
// In Fiji: open an image and run it; the table goes to the Log. Headless:
//   ImageJ -batch RestoreJ_Compare_Tile_Sizes.ijm "model=NAME input=/data/cells.tif output=/data/compare tiles=64,128"

args = getArgument();
model = call("ij.Macro.getValue", args, "model", "restormer-fluorescence-denoising");
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
tiles = split(call("ij.Macro.getValue", args, "tiles", "128,256"), ",");
halo = call("ij.Macro.getValue", args, "halo", "auto");

setBatchMode(true);
if (input != "") open(input);
if (nImages == 0) exit("Open an image first.");
if (output != "" && !File.isDirectory(output)) File.makeDirectory(output);
original = getImageID();
run("RestoreJ Macro Extensions");

t0 = getTime();
Ext.restore(model, "tile=none type=float32");
untiled = getImageID();
table = "tile\thalo\tmax_abs_diff\tmean_abs_diff\tseconds\n";
table = table + "none\t-\t0\t0\t" + d2s((getTime() - t0) / 1000, 2) + "\n";
if (output != "") saveAs("Tiff", output + File.separator + "tile-none.tif");

for (i = 0; i < tiles.length; i++) {
	selectImage(original);
	t0 = getTime();
	Ext.restore(model, "tile=" + tiles[i] + " halo=" + halo + " type=float32");
	seconds = (getTime() - t0) / 1000;
	tiled = getImageID();
	if (output != "") saveAs("Tiff", output + File.separator + "tile-" + tiles[i] + ".tif");
	imageCalculator("Difference create 32-bit stack", tiled, untiled);
	if (nSlices > 1) Stack.getStatistics(voxels, mean, min, max);
	else getStatistics(area, mean, min, max);
	table = table + tiles[i] + "\t" + halo + "\t" + max + "\t" + mean + "\t" + d2s(seconds, 2) + "\n";
	close();
	selectImage(tiled);
	close();
}
print(table);
if (output != "") File.saveString(table, output + File.separator + "tile-comparison.tsv");
