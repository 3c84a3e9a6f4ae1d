// RestoreJ: PSNR and SSIM of an image against a reference (e.g. a restoration against the ground
// truth), as scikit-image computes them. The rows (one per plane and channel) go to the table
// "RestoreJ quality"; the whole image's values are printed.
//
// In Fiji: open both images and run it. Headless:
//   ImageJ -batch RestoreJ_Compare_Images.ijm "test=/data/restored.tif reference=/data/clean.tif range=auto"
// range: auto (8-bit 255, 16-bit 65535, 32-bit the reference's max - min) or a number.

args = getArgument();
test = call("ij.Macro.getValue", args, "test", "");
reference = call("ij.Macro.getValue", args, "reference", "");
range = call("ij.Macro.getValue", args, "range", "auto");

setBatchMode(true);
if (test != "") { open(test); test = getTitle(); }
if (reference != "") { open(reference); reference = getTitle(); }
if (test == "" || reference == "") {
	if (nImages < 2) exit("Open the test image and the reference first.");
	Dialog.create("RestoreJ: Compare Images");
	Dialog.addImageChoice("Test image");
	Dialog.addImageChoice("Reference");
	Dialog.addString("Data range", range);
	Dialog.show();
	test = Dialog.getImageChoice();
	reference = Dialog.getImageChoice();
	range = Dialog.getString();
}

run("RestoreJ Macro Extensions");
psnr = 0;
ssim = 0;
Ext.compare(test, reference, "range=" + range, psnr, ssim);
print(test + " against " + reference + ": PSNR " + d2s(psnr, 4) + " dB, SSIM " + d2s(ssim, 6));
