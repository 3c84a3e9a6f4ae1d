// RestoreJ: restore every TIFF of a folder into another folder (same names), loading the model once.
// A file that cannot be restored is reported and skipped; outputs are written whole or not at all, and
// an existing output is kept unless the options say "overwrite".
//
// In Fiji: run it and choose the folders. Headless:
//   ImageJ -batch RestoreJ_Batch_Folder.ijm "model=NAME input=/data/raw output=/data/restored"

args = getArgument();
model = call("ij.Macro.getValue", args, "model", "restormer-fluorescence-denoising");
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
if (input == "") input = getDirectory("Folder of images to restore");
if (output == "") output = getDirectory("Folder for the restored images");
options = "tile=auto halo=auto normalize=auto type=same";

setBatchMode(true);
run("RestoreJ Macro Extensions");
report = "";
Ext.restoreFolder(model, input, output, options, report);
print(report);
