// RestoreJ: restore the open image and show the result (title suffixed "-restored", same calibration).
//
// In Fiji: open an image, then run this macro (Plugins > Macros > Run...). Set `model` below to an
// installed model name (Plugins > RestoreJ > Describe Model lists it) or a model folder.
// Headless, with arguments (any may be left out):
//   ImageJ -batch RestoreJ_Restore_Image.ijm "model=NAME input=/data/cells.tif output=/data/cells-restored.tif"
//
// The options are those of Plugins > RestoreJ > Restore Image, e.g. "tile=256 halo=32 type=same".

args = getArgument();
model = call("ij.Macro.getValue", args, "model", "restormer-fluorescence-denoising");
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
options = "tile=auto halo=auto normalize=auto type=same";

if (input != "") open(input);
if (nImages == 0) exit("Open an image first.");
run("RestoreJ Macro Extensions");
Ext.restore(model, options);
print("Restored: " + getTitle() + " (" + getWidth() + "x" + getHeight() + ", " + bitDepth() + "-bit)");
if (output != "") saveAs("Tiff", output);
